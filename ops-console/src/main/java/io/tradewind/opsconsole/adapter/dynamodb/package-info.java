/**
 * The runbook's audit (every execution, its steps and its RTO, recorded as it runs) and its lease (the one right to
 * move apps, held by one execution at a time), each in a DynamoDB global table.
 */
package io.tradewind.opsconsole.adapter.dynamodb;
