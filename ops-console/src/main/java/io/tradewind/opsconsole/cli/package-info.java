/** The SRE's command line: rotate and failover by the runbook, or print the plan with --dry-run. */
package io.tradewind.opsconsole.cli;
