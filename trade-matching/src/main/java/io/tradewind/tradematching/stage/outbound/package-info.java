/**
 * Outbound gateway: sends each finished message to its broker and queue, at most once per message id (the sent-log),
 * so replaying any earlier stage sends nothing twice.
 */
package io.tradewind.tradematching.stage.outbound;
