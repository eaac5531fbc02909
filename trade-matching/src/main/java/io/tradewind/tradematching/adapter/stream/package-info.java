/**
 * The app's typed ports onto its Kinesis streams: each encodes the domain values a stage publishes into the flow
 * records the next stage decodes, and picks their partition keys.
 */
package io.tradewind.tradematching.adapter.stream;
