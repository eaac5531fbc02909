package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.SettlementStatus;
import io.tradewind.model.values.Require;
import java.util.List;

/**
 * What the matcher decided for an incoming settlement instruction: paired and MATCHED, paired but MISMATCHED with the
 * reasons (both stay open for a better counterpart), or UNMATCHED and waiting. The store records it and the stages
 * report it to both settlement desks.
 */
public sealed interface SettlementOutcome
        permits SettlementOutcome.Matched, SettlementOutcome.Mismatched, SettlementOutcome.Unmatched {

    /** The status the incoming instruction (and its counterpart, when paired) takes. */
    SettlementStatus status();

    /** Paired with {@code counterpart}, and every compared field agrees, the amount within tolerance. */
    record Matched(OpenInstruction counterpart) implements SettlementOutcome {
        public Matched {
            Require.present(counterpart, "counterpart");
        }

        @Override
        public SettlementStatus status() {
            return SettlementStatus.MATCHED;
        }
    }

    /**
     * Paired with {@code counterpart}, the closest of the candidates, but they disagree: one reason per differing
     * field, in wire order, from the incoming instruction's point of view.
     */
    record Mismatched(OpenInstruction counterpart, List<SettlementMismatch> reasons) implements SettlementOutcome {
        public Mismatched {
            Require.present(counterpart, "counterpart");
            reasons = List.copyOf(Require.present(reasons, "reasons"));
            if (reasons.isEmpty()) {
                throw new IllegalArgumentException("reasons must not be empty for a mismatch");
            }
        }

        @Override
        public SettlementStatus status() {
            return SettlementStatus.MISMATCHED;
        }
    }

    /** No open instruction pairs with the incoming one; it waits. */
    record Unmatched() implements SettlementOutcome {
        @Override
        public SettlementStatus status() {
            return SettlementStatus.UNMATCHED;
        }
    }
}
