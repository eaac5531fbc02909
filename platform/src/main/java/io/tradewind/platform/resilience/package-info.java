/**
 * How calls to DynamoDB, PostgreSQL and Kinesis fail: retried with backoff, then cut off by a circuit breaker, and in
 * the end reported as {@link io.tradewind.platform.resilience.DependencyUnavailableException}, which stops consumption
 * without a checkpoint. Nothing here swallows an error.
 */
package io.tradewind.platform.resilience;
