/**
 * Who may talk to Tradewind: participants (brokers, investment managers, settlement desks) with their roles and status,
 * the services' own identities, and what each may read and write on the brokers ({@link
 * io.tradewind.model.participant.BrokerAccessPolicy}).
 */
package io.tradewind.model.participant;
