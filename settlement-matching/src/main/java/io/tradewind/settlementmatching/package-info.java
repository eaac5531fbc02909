/** Settlement matching: the same five stages as trade matching, for settlement instructions under CSDR tolerances. */
package io.tradewind.settlementmatching;
