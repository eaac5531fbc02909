/**
 * The JMS side of posting: {@link io.tradewind.tradegenerator.adapter.jms.JmsTradeSink} sends the generator's trades
 * to {@code trades.inbound} as persistent text messages in transacted sessions, the way a counterparty posts over MQ,
 * and turns every broker failure into a "dependency unavailable" the generator retries.
 * {@link io.tradewind.tradegenerator.adapter.jms.JmsParticipant} is one participant's connection for {@code post}: it
 * posts any body and takes its status reports from the participant's private queue.
 */
package io.tradewind.tradegenerator.adapter.jms;
