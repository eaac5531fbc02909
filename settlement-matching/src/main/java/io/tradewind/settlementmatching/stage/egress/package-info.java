/**
 * Egress: builds the messages that leave settlement matching (status reports for settlement desks, confirmations for
 * trade matching) with deterministic ids, records the confirmations, and hands everything to the outbound gateway.
 */
package io.tradewind.settlementmatching.stage.egress;
