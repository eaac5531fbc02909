/** The regions' Kinesis streams, as a quarantine replay puts one record back onto the stream it was read from. */
package io.tradewind.opsconsole.adapter.kinesis;
