/**
 * The five stages of trade matching, one package each with the ports it needs: inbound gateway, ingestion, matching,
 * egress and outbound gateway. Stages are plain Java; the platform runs them over streams and queues.
 */
package io.tradewind.tradematching.stage;
