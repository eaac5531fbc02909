/**
 * Wires the trade-matching stages to their streams, queues, tables and routing controls. Which stages a process runs
 * is configuration ({@code tradewind.trade-matching.stages}): all five in the sandbox, one per ECS service on AWS.
 */
package io.tradewind.tradematching.config;
