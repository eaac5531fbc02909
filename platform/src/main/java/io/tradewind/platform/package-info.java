/**
 * The stage runtime every Tradewind service uses: consume a stream with KCL and run a stage over each batch, publish to
 * Kinesis without dropping, take messages from MQ durably, follow the region's routing control, and build AWS clients
 * from configuration alone. No Spring here: apps wire these pieces in their own configuration.
 */
package io.tradewind.platform;
