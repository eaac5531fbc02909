/**
 * Reconciliation as other modules reach it: a {@link io.tradewind.reconciliation.api.Reconciler} of one region, made by
 * {@link io.tradewind.reconciliation.api.Reconcilers}, the settings of a run and what the run found and replayed. The
 * runbook's adapter in ops-console uses only this package.
 */
package io.tradewind.reconciliation.api;
