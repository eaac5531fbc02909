/**
 * Inbound gateway: takes trades from {@code trades.inbound}, journals each, and puts it on the ingestion stream keyed by
 * its trade id, before acknowledging it. The platform's JMS gateway does the work; this package says how trades are
 * partitioned (and how settlement confirmations are keyed).
 */
package io.tradewind.tradematching.stage.inbound;
