/**
 * Wires settlement matching's stages to their streams, queues, tables and region gates; its settings are records bound
 * from {@code tradewind.settlement-matching.*}.
 */
package io.tradewind.settlementmatching.config;
