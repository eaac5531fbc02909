/**
 * The ops API under {@code /api}: what the dashboard and scripts read (the sampler's last sample, the runbook's
 * executions and their event streams) and the actions they take (dry run, rotate, failover, resume, abort, confirm,
 * the generator, a reconciliation run), each in the name of the authenticated user. Security is configured elsewhere:
 * these controllers only read who the principal is.
 */
package io.tradewind.opsconsole.api;
