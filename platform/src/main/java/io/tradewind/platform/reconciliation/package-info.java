/**
 * What became of an app's journaled inputs, as the app itself answers it: rejected, applied or not decided yet, with
 * the outbound messages that answer implies. Each app implements {@link io.tradewind.platform.reconciliation.InputFates}
 * over its own tables and registers an {@link io.tradewind.platform.reconciliation.InputFatesProvider}, so
 * reconciliation finds it by the app's name and needs neither the app's schema nor its message-id rules.
 */
package io.tradewind.platform.reconciliation;
