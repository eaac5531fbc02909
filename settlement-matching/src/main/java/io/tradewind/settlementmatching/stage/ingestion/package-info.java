/**
 * Ingestion: validates each journaled instruction against the v1 contract, books the valid ones and asks matching to
 * decide them, and answers every invalid one REJECTED with a reason per bad field. Never blocks the shard.
 */
package io.tradewind.settlementmatching.stage.ingestion;
