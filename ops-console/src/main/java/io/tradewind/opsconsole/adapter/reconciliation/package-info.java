/** Reconciliation-replay as the runbook's last step, in the region that took over. */
package io.tradewind.opsconsole.adapter.reconciliation;
