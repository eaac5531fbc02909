/**
 * The MQ edges of a pipeline. The inbound gateway journals each message and puts it on the stream before it
 * acknowledges it; the outbound sender sends each message id at most once per the sent-log, whatever is replayed.
 */
package io.tradewind.platform.gateway;
