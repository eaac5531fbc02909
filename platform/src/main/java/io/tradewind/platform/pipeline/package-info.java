/**
 * The shape every app's pipeline shares: the five stage names, the settings each app reads, the flow records' JSON,
 * and the assembly of streams, gateways, consumers and region gates, so an app only says which logic each stage runs.
 */
package io.tradewind.platform.pipeline;
