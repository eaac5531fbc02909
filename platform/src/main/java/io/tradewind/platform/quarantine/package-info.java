/**
 * The quarantine: inputs a store refused or a stage could not decode, kept with their raw bytes, the stage, the reason
 * and the time in the app's own database, so that one poison input never stalls its batch, queue or shard, nothing is
 * lost, and an operator can replay it after a fix.
 */
package io.tradewind.platform.quarantine;
