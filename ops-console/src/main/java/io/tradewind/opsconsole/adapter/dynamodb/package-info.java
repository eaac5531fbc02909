/** The runbook's audit: every execution, its steps and its RTO, in a DynamoDB global table. */
package io.tradewind.opsconsole.adapter.dynamodb;
