/**
 * Remembering what was already done, so that replaying an input repeats no output: the sent-log of message ids an
 * outbound gateway has sent.
 */
package io.tradewind.platform.idempotency;
