/** The audit record of every reconciliation run, in a DynamoDB (global) table. */
package io.tradewind.reconciliation.audit;
