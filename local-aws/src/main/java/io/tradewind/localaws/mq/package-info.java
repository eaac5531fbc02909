/** The per-region message broker: an embedded ActiveMQ with a TCP connector and persistent KahaDB storage. */
package io.tradewind.localaws.mq;
