/**
 * The apps' quarantines as operators work them: inputs a store refused or a stage could not decode, listed from the
 * app's database and, after a fix, put back into the flow of the app's active region, onto the queue or stream they
 * were taken from, with the replay recorded on the entry.
 */
package io.tradewind.opsconsole.quarantine;
