/**
 * The settlement matcher: pairs a settlement instruction with the open instruction of the opposite direction whose
 * parties mirror it on the same security, then decides MATCHED (quantity, dates and currency equal, amount within the
 * CSDR tolerance), MISMATCHED (with one reason per differing field) or UNMATCHED. Everything here is pure and
 * deterministic: the store that holds open instructions calls in with those sharing a pairing key, so a replayed
 * instruction reaches the same decision and the same settlement match id. No Spring, AWS, JMS, JDBC or JSON here.
 */
package io.tradewind.settlementmatching.domain;
