/**
 * The per-region message broker: an embedded ActiveMQ with a TCP connector, an {@code ssl://} one when the regions run
 * with TLS (a certificate made at start, {@link io.tradewind.localaws.mq.BrokerTls}), and persistent KahaDB storage.
 */
package io.tradewind.localaws.mq;
