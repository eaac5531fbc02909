/**
 * The rotation drill: the generator runs while the runbook rotates both apps between the sandbox's regions, fails them
 * over from a killed region, and rotates back; every delivery is watched so loss and duplication are measured, not
 * assumed, and each execution's RTO and the failover's RPO are reported.
 */
package io.tradewind.sandbox.drill;
