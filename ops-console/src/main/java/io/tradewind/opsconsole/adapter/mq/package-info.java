/** The regions' MQ brokers: how deep a queue is, and moving what waits on one region's queue to the other's. */
package io.tradewind.opsconsole.adapter.mq;
