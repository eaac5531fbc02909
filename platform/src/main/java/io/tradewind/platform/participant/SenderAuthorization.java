package io.tradewind.platform.participant;

import io.tradewind.model.participant.Participant;
import io.tradewind.model.participant.Role;
import io.tradewind.model.participant.ServiceIdentity;
import io.tradewind.model.trade.RejectionCode;
import io.tradewind.model.trade.StatusReason;
import java.util.Optional;

/**
 * Whether the user the broker authenticated may send what a message claims: the rules of {@link
 * RejectionCode#NOT_AUTHORIZED}, shared by both apps' first stages. Each check returns the reason to answer REJECTED
 * with, naming the field at fault, or empty when the message may pass.
 */
public final class SenderAuthorization {
    private static final String SENDER_RULE = "the sender must be the participant the broker authenticated";
    private static final String REGISTERED_RULE = "the sender must be a registered, active participant";

    private final ParticipantDirectory directory;

    public SenderAuthorization(ParticipantDirectory directory) {
        this.directory = directory;
    }

    /**
     * A message a participant sends for itself, naming itself in {@code senderField} (a trade's {@code senderId}, an
     * instruction's {@code party}), in {@code role}: the authenticated user must be that participant, registered,
     * active and holding the role.
     *
     * @param roleField the field the role was claimed in, or null when the queue implies it
     */
    public Optional<StatusReason> participant(
            String authenticatedUser, String senderField, String claimedSender, String roleField, Role role) {
        String sentAs = senderField + " " + claimedSender;
        if (authenticatedUser == null)
            return refused(senderField, sentAs + ", but the broker authenticated no sender", SENDER_RULE);
        if (!authenticatedUser.equals(claimedSender))
            return refused(
                    senderField, sentAs + ", but the connection is authenticated as " + authenticatedUser, SENDER_RULE);
        Optional<Participant> participant = directory.find(authenticatedUser);
        if (participant.isEmpty())
            return refused(senderField, authenticatedUser + " is not a registered participant", REGISTERED_RULE);
        if (!participant.get().active())
            return refused(senderField, authenticatedUser + " is suspended", REGISTERED_RULE);
        if (!participant.get().holds(role))
            return refused(
                    roleField == null ? senderField : roleField,
                    authenticatedUser + " does not hold the role " + role + " (it holds "
                            + participant.get().roles().stream().sorted().toList() + ")",
                    "a participant sends only in the roles it was onboarded with");
        return Optional.empty();
    }

    /** A message only {@code service} may send (a settlement confirmation): the authenticated user must be it. */
    public static Optional<StatusReason> service(String authenticatedUser, String field, ServiceIdentity service) {
        if (service.user().equals(authenticatedUser)) return Optional.empty();
        return refused(
                field,
                "sent by " + (authenticatedUser == null ? "an unauthenticated connection" : authenticatedUser),
                "only " + service.user() + " may send this");
    }

    /** Whether the authenticated user is one of Tradewind's own services. */
    public static boolean isService(String authenticatedUser, ServiceIdentity service) {
        return service.user().equals(authenticatedUser);
    }

    /** A rejection's {@code ours} is what was wrong; {@code theirs} the rule of the contract it broke. */
    private static Optional<StatusReason> refused(String field, String detail, String rule) {
        return Optional.of(new StatusReason(field, RejectionCode.NOT_AUTHORIZED.name(), detail, rule));
    }
}
