/**
 * The SRE's command line: rotate and failover by the runbook, or print the plan with --dry-run; list, show and replay
 * the apps' quarantined inputs.
 */
package io.tradewind.opsconsole.cli;
