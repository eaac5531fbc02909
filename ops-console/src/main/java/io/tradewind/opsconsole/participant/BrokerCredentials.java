package io.tradewind.opsconsole.participant;

/**
 * What a participant connects to the brokers with: its id as the user name, and the secret onboarding issued. Shown to
 * the operator once; {@link #toString()} leaves the password out so no log or stack trace can carry it.
 */
public record BrokerCredentials(String user, String password) {
    public BrokerCredentials {
        if (user == null || user.isBlank()) throw new IllegalArgumentException("user is blank");
        if (password == null || password.isEmpty()) throw new IllegalArgumentException("password is empty");
    }

    @Override
    public String toString() {
        return "BrokerCredentials[user=" + user + ", password=(not shown)]";
    }
}
