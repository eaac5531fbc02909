/** The SRE's command line for reconciliation on demand. */
package io.tradewind.reconciliation.cli;
