/**
 * What the console shows of the running platform: a sampler that reads, every couple of seconds and never waiting long
 * on any one source, each stage's numbers in each region, the routing controls, the replication lag, queue depths,
 * participants, reconciliation runs and the runbook's executions, keeps a few minutes of history for the charts and
 * the last value of a region that stopped answering, and derives the alerts an SRE acts on. Plain Java over ports.
 */
package io.tradewind.opsconsole.flow;
