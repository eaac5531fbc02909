/** Onboarding: the participant registry and the brokers' users, kept in step in every region. */
package io.tradewind.opsconsole.participant;
