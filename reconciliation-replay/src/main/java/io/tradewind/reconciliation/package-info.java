/** Reconciliation and replay: compares what each stage recorded, finds gaps left by a rotation or failure, and replays them once. */
package io.tradewind.reconciliation;
