/**
 * The stream side of matching's ports: what the lifecycle's events become on the stream to egress (their flow record
 * and partition key), so the stage publishes domain events and never bytes.
 */
package io.tradewind.settlementmatching.adapter.stream;
