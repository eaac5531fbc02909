package io.tradewind.model.contract;

import static org.assertj.core.api.Assertions.assertThat;

import io.tradewind.model.BusinessDay;
import io.tradewind.model.settlement.SettlementConfirmation;
import io.tradewind.model.settlement.SettlementConfirmationDecoder;
import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.settlement.SettlementInstructionDecoder;
import io.tradewind.model.trade.Allocation;
import io.tradewind.model.trade.DecodeResult;
import io.tradewind.model.trade.Rejection;
import io.tradewind.model.trade.StatusReason;
import io.tradewind.model.trade.TradeMessage;
import io.tradewind.model.trade.TradeMessageDecoder;
import io.tradewind.model.wire.BusinessDateWindow;
import io.tradewind.model.wire.Envelope;
import io.tradewind.model.wire.WireLimits;
import io.tradewind.model.wire.WireText;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Random;
import java.util.function.Consumer;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Property-based tests of the inbound decoders: random mutations of valid trades, cancels, settlement instructions
 * and confirmations ({@link HostileBodies}) never escape as an exception, only as a rejection whose reasons name a
 * field and a code (and repeat nothing hostile), or as a valid message that keeps every limit of {@link WireLimits}.
 * The run's seed is random and printed on failure; {@code -Dtradewind.fuzz.seed=N} replays a run, and
 * {@code -Dtradewind.fuzz.tries=N} changes its length (default {@value #DEFAULT_TRIES} bodies per property).
 */
class HostileInputTest {
    private static final int DEFAULT_TRIES = 500;
    private static final LocalDate TODAY = BusinessDay.TODAY;
    private static final BusinessDateWindow WINDOW = BusinessDateWindow.DEFAULT;

    private final TradeMessageDecoder trades = new TradeMessageDecoder(BusinessDay.CLOCK);
    private final SettlementInstructionDecoder instructions = new SettlementInstructionDecoder(BusinessDay.CLOCK);
    private final SettlementConfirmationDecoder confirmations = new SettlementConfirmationDecoder();

    @Test
    void mutatedTradesAreRejectedWithReasonsOrKeepEveryLimit() {
        forEachMutationOf(Samples.TRADE, trades::decode, HostileInputTest::keepsTheLimits);
    }

    @Test
    void mutatedCancelsAreRejectedWithReasonsOrKeepEveryLimit() {
        forEachMutationOf(Samples.CANCEL, trades::decode, HostileInputTest::keepsTheLimits);
    }

    @Test
    void mutatedInstructionsAreRejectedWithReasonsOrKeepEveryLimit() {
        forEachMutationOf(Samples.INSTRUCTION, instructions::decode, HostileInputTest::keepsTheLimits);
    }

    @Test
    void mutatedConfirmationsAreRejectedWithReasonsOrKeepEveryLimit() {
        forEachMutationOf(Samples.CONFIRMATION, confirmations::decode, HostileInputTest::keepsTheLimits);
    }

    @Test
    void theUnmutatedBodiesAreValid() {
        assertThat(trades.decode(Samples.TRADE)).isInstanceOf(DecodeResult.Valid.class);
        assertThat(trades.decode(Samples.CANCEL)).isInstanceOf(DecodeResult.Valid.class);
        assertThat(instructions.decode(Samples.INSTRUCTION)).isInstanceOf(DecodeResult.Valid.class);
        assertThat(confirmations.decode(Samples.CONFIRMATION)).isInstanceOf(DecodeResult.Valid.class);
    }

    private static <M> void forEachMutationOf(
            String valid, Function<String, DecodeResult<M>> decode, Consumer<M> keepsTheLimits) {
        long seed = Long.getLong("tradewind.fuzz.seed", new Random().nextLong());
        int tries = Integer.getInteger("tradewind.fuzz.tries", DEFAULT_TRIES);
        Random random = new Random(seed);
        HostileBodies bodies = new HostileBodies(random);
        for (int i = 0; i < tries; i++) {
            String body = bodies.mutate(valid);
            try {
                check(decode.apply(body), keepsTheLimits);
                checkEnvelope(body);
            } catch (AssertionError | RuntimeException e) {
                throw new AssertionError(
                        "try " + i + " of seed " + seed + " (replay with -Dtradewind.fuzz.seed=" + seed + "), body "
                                + WireLimits.echo(body, 2000) + ": " + e,
                        e);
            }
        }
    }

    private static <M> void check(DecodeResult<M> result, Consumer<M> keepsTheLimits) {
        if (result instanceof DecodeResult.Valid<M> valid) {
            keepsTheLimits.accept(valid.message());
            return;
        }
        assertThat(result).isInstanceOf(DecodeResult.Rejected.class);
        for (Rejection rejection : ((DecodeResult.Rejected<M>) result).reasons()) {
            assertThat(rejection.field()).isNotBlank();
            assertThat(rejection.code()).isNotNull();
            repeatsNothingHostile(rejection.field(), 128);
            repeatsNothingHostile(rejection.detail(), 400);
            repeatsNothingHostile(rejection.limit(), 100);
            StatusReason reason = StatusReason.of(rejection);
            assertThat(reason.code()).isEqualTo(rejection.code().name());
        }
    }

    /** A text that reaches a report or a store: bounded, well-formed, and without control characters. */
    private static void repeatsNothingHostile(String text, int maxLength) {
        if (text == null) return;
        assertThat(text.length()).as("length of %s", WireLimits.echo(text)).isLessThanOrEqualTo(maxLength);
        assertThat(text.chars().noneMatch(Character::isISOControl))
                .as("no control character in %s", WireLimits.echo(text))
                .isTrue();
        // Well-formed but for U+FFFD, which is what echo puts in place of what it will not repeat.
        assertThat(WireText.isWellFormed(text.replace(WireLimits.REPLACEMENT, '?')))
                .as("no lone surrogate in %s", WireLimits.echo(text))
                .isTrue();
    }

    private static void checkEnvelope(String body) {
        Envelope.peek(body).ifPresent(envelope -> {
            assertThat(WireLimits.isValidId(envelope.senderId(), WireLimits.MAX_PARTICIPANT_ID_LENGTH))
                    .isTrue();
            assertThat(WireLimits.isValidId(envelope.messageId(), WireLimits.MAX_ID_LENGTH))
                    .isTrue();
        });
        Envelope.peekSender(body)
                .ifPresent(sender -> assertThat(WireLimits.isValidId(sender, WireLimits.MAX_PARTICIPANT_ID_LENGTH))
                        .isTrue());
    }

    // --- what a valid message keeps

    private static void keepsTheLimits(TradeMessage trade) {
        isId(trade.messageId(), WireLimits.MAX_ID_LENGTH);
        isId(trade.senderId(), WireLimits.MAX_PARTICIPANT_ID_LENGTH);
        isId(trade.tradeRef(), WireLimits.MAX_ID_LENGTH);
        assertThat(trade.messageType()).isNotNull();
        assertThat(trade.senderRole()).isNotNull();
        if (trade.isCancel()) {
            assertThat(trade.security()).isNull();
            assertThat(trade.allocations()).isEmpty();
            return;
        }
        isId(trade.executingBroker(), WireLimits.MAX_PARTICIPANT_ID_LENGTH);
        isId(trade.investmentManager(), WireLimits.MAX_PARTICIPANT_ID_LENGTH);
        assertThat(trade.side()).isNotNull();
        assertThat(trade.security()).matches("[A-Z]{2}[A-Z0-9]{9}[0-9]");
        isQuantity(trade.quantity());
        isDecimal(trade.price(), WireLimits.MAX_PRICE_INTEGER_DIGITS, WireLimits.PRICE_DECIMALS);
        isDecimal(trade.netAmount(), WireLimits.MAX_AMOUNT_INTEGER_DIGITS, WireLimits.AMOUNT_DECIMALS);
        assertThat(trade.currency()).matches("[A-Z]{3}");
        areBusinessDates(trade.tradeDate(), trade.settlementDate());
        assertThat(trade.allocations()).hasSizeBetween(1, WireLimits.MAX_ALLOCATIONS);
        long sum = 0;
        for (Allocation allocation : trade.allocations()) {
            isId(allocation.allocationId(), WireLimits.MAX_ALLOCATION_ID_LENGTH);
            isId(allocation.account(), WireLimits.MAX_ID_LENGTH);
            isQuantity(allocation.quantity());
            sum += allocation.quantity();
        }
        assertThat(sum).isEqualTo(trade.quantity());
    }

    private static void keepsTheLimits(SettlementInstruction instruction) {
        isId(instruction.messageId(), WireLimits.MAX_ID_LENGTH);
        isId(instruction.instructionId(), WireLimits.MAX_ID_LENGTH);
        isId(instruction.matchId(), WireLimits.MAX_ID_LENGTH);
        isId(instruction.allocationId(), WireLimits.MAX_ALLOCATION_ID_LENGTH);
        isId(instruction.party(), WireLimits.MAX_ID_LENGTH);
        isId(instruction.counterparty(), WireLimits.MAX_ID_LENGTH);
        assertThat(instruction.party()).isNotEqualTo(instruction.counterparty());
        assertThat(instruction.direction()).isNotNull();
        assertThat(instruction.security()).matches("[A-Z]{2}[A-Z0-9]{9}[0-9]");
        isQuantity(instruction.quantity());
        isDecimal(instruction.settlementAmount(), WireLimits.MAX_AMOUNT_INTEGER_DIGITS, WireLimits.AMOUNT_DECIMALS);
        assertThat(instruction.currency()).matches("[A-Z]{3}");
        areBusinessDates(instruction.tradeDate(), instruction.intendedSettlementDate());
    }

    private static void keepsTheLimits(SettlementConfirmation confirmation) {
        isId(confirmation.messageId(), WireLimits.MAX_ID_LENGTH);
        isId(confirmation.settlementMatchId(), WireLimits.MAX_ID_LENGTH);
        isId(confirmation.matchId(), WireLimits.MAX_ID_LENGTH);
        isId(confirmation.allocationId(), WireLimits.MAX_ALLOCATION_ID_LENGTH);
        isId(confirmation.deliverInstructionId(), WireLimits.MAX_ID_LENGTH);
        isId(confirmation.receiveInstructionId(), WireLimits.MAX_ID_LENGTH);
    }

    private static void isId(String value, int maxLength) {
        assertThat(WireLimits.isValidId(value, maxLength))
                .as("an id of at most %d characters: %s", maxLength, WireLimits.echo(value))
                .isTrue();
    }

    private static void isQuantity(long quantity) {
        assertThat(quantity).isBetween(1L, WireLimits.MAX_QUANTITY);
    }

    private static void isDecimal(BigDecimal value, int maxIntegerDigits, int maxDecimals) {
        assertThat(value.signum()).isPositive();
        assertThat(value.scale()).isBetween(0, maxDecimals);
        assertThat(value.precision() - value.scale()).isLessThanOrEqualTo(maxIntegerDigits);
    }

    private static void areBusinessDates(LocalDate tradeDate, LocalDate settlementDate) {
        assertThat(tradeDate).isBetween(WINDOW.earliestTradeDate(TODAY), WINDOW.latestTradeDate(TODAY));
        assertThat(settlementDate).isBetween(tradeDate, WINDOW.latestSettlementDate(tradeDate));
    }
}
