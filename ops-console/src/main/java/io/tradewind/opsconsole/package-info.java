/** The ops console: dashboard, ops REST API, rotation runbook engine and the SRE command line. */
package io.tradewind.opsconsole;
