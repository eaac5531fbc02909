/**
 * Remembering what was already done, so that replaying an input repeats no output: the sent-log of message ids an
 * outbound gateway has sent, the send ledger that keeps a copy of it in every region the moment a send is recorded
 * (and puts back what a failover took from the sent-log), and the recorded outcomes of matching's commands.
 */
package io.tradewind.platform.idempotency;
