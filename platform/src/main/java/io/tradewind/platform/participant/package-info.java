/**
 * The participant registry: who may post to Tradewind, in which roles, and whether they are suspended. The stages read
 * it through {@link io.tradewind.platform.participant.ParticipantDirectory} (cached for a few seconds); onboarding
 * writes it through {@link io.tradewind.platform.participant.ParticipantRegistry}. It holds no secret: the brokers
 * hold the participants' passwords.
 */
package io.tradewind.platform.participant;
