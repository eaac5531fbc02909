package io.tradewind.settlementmatching.domain;

import io.tradewind.model.settlement.SettlementInstruction;
import io.tradewind.model.values.PartitionKeys;
import io.tradewind.model.values.Require;

/**
 * What both instructions of a settlement state identically whichever side sends them: the security and the two
 * parties, kept in ascending order so a DELIVER from A to B and a RECEIVE by B from A have the same key. It is the
 * Kinesis partition key of an instruction, so both sides land on one shard, and it selects the candidates to match.
 */
public record SettlementPairingKey(String security, String firstParty, String secondParty) {

    /** Builds the key from the two parties in either order; they are stored sorted, and must differ. */
    public SettlementPairingKey {
        Require.text(security, "security");
        Require.text(firstParty, "firstParty");
        Require.text(secondParty, "secondParty");
        int order = firstParty.compareTo(secondParty);
        if (order == 0) {
            throw new IllegalArgumentException("a party cannot settle with itself: " + firstParty);
        }
        if (order > 0) {
            String swap = firstParty;
            firstParty = secondParty;
            secondParty = swap;
        }
    }

    public static SettlementPairingKey of(SettlementInstruction instruction) {
        Require.present(instruction, "instruction");
        return new SettlementPairingKey(instruction.security(), instruction.party(), instruction.counterparty());
    }

    /**
     * The fields joined by '|', e.g. {@code US0378331005|BRK001|IM042}. Keys that would exceed Kinesis' 256
     * characters become {@code "H|"} + the SHA-256 hex of the joined form: still stable, and a collision only shares a
     * shard, never a pairing.
     */
    public String partitionKey() {
        return PartitionKeys.of(security, firstParty, secondParty);
    }
}
