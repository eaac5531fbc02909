/**
 * The inbound gateway's settlement-specific part: how a raw instruction is keyed in the journal and on the stream. The
 * gateway itself (journal, stream, acknowledge) is platform's.
 */
package io.tradewind.settlementmatching.stage.inbound;
