/**
 * The trade matcher, after CTM: pairs a counterparty's side of a trade with the opposite role's side that has the same
 * pairing key, then decides MATCHED, MISMATCHED (with one reason per differing field) or UNMATCHED. Everything here is
 * pure and deterministic: the PostgreSQL-backed book holds the state and calls in with the sides it holds, so a
 * replayed record reaches the same decision and the same match id. No Spring, AWS, JDBC or JSON in this package.
 */
package io.tradewind.tradematching.domain;
