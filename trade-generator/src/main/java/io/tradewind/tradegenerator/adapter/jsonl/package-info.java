/**
 * Expected outcomes as JSON Lines: {@link io.tradewind.tradegenerator.adapter.jsonl.JsonLinesOutcomeRecorder} appends
 * one line per posted pair to a file, flushed at every commit, and reads such a file back for tests and the load
 * harness to check the platform's answers against.
 */
package io.tradewind.tradegenerator.adapter.jsonl;
