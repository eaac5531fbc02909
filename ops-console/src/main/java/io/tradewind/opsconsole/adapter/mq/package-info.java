/**
 * The regions' MQ brokers: how deep a queue is, moving what waits on one region's queue to the other's, and their users
 * through Amazon MQ's user API.
 */
package io.tradewind.opsconsole.adapter.mq;
