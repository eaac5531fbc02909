/**
 * Ingestion: decodes and validates each journaled message against the v1 contract, books valid trades, and answers
 * invalid ones with a REJECTED status that names every bad field. Nothing it receives blocks its shard.
 */
package io.tradewind.tradematching.stage.ingestion;
