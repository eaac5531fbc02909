/**
 * Participants as the apps see them: the registry's read port and the rules by which a message's authenticated sender
 * may send it.
 */
package io.tradewind.platform.participant;
