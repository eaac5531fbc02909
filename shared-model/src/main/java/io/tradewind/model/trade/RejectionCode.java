package io.tradewind.model.trade;

/**
 * Why a field of an inbound message breaks the wire contract; one code per distinct problem, reported to the sender as
 * the {@code code} of a REJECTED status reason. A code that enforces a limit of
 * {@link io.tradewind.model.wire.WireLimits} comes with that limit, which the report gives as {@code theirs}.
 */
public enum RejectionCode {
    /** The body is not JSON, or is JSON followed by trailing content. */
    MALFORMED_JSON,
    /** The body is over the size limit; it was not parsed. */
    TOO_LARGE,
    /** The body's bytes were not UTF-8 (its text holds U+FFFD or a lone surrogate); it was not parsed. */
    NOT_UTF8,
    /** The body is JSON but not an object. */
    NOT_AN_OBJECT,
    /** A required field is absent, null or blank. */
    MISSING,
    /** A field the contract does not define. */
    UNKNOWN_FIELD,
    /** A field the contract defines, but not for this message type (e.g. a price on a CANCEL). */
    NOT_ALLOWED,
    /** The JSON type is wrong: a number where a string is due, a decimal where an integer is due, and so on. */
    WRONG_TYPE,
    /** A value outside the allowed set of an enumerated field (messageType, senderRole, side, direction, currency). */
    UNKNOWN_VALUE,
    /** A string that does not have the required form: date, currency, decimal or ISIN. */
    INVALID_FORMAT,
    /** A string longer than its field's limit (an id, or a decimal string padded with zeros). */
    TOO_LONG,
    /** A string holding a character its field does not allow (an id outside {@code [A-Za-z0-9._:/-]}). */
    FORBIDDEN_CHARACTER,
    /** A number with more digits than its field allows: a quantity, or the integer part of a price or an amount. */
    TOO_MANY_DIGITS,
    /** A price or an amount with more significant decimals than its precision; they are never rounded away. */
    TOO_MANY_DECIMALS,
    /** A trade date, settlement date or intended settlement date outside the business-date window. */
    OUT_OF_WINDOW,
    /** An array with more elements than its limit, e.g. a trade with more allocations than allowed. */
    TOO_MANY_ITEMS,
    /** An ISIN whose form is right but whose check digit is wrong. */
    INVALID_CHECK_DIGIT,
    /** A value beyond what the contract can carry: a trade whose price × quantity is over the amount limit. */
    OUT_OF_RANGE,
    /** A quantity, price or amount that is zero or negative. */
    NOT_POSITIVE,
    /** A trade without allocations. */
    EMPTY,
    /** The allocation quantities do not add up to the trade quantity. */
    ALLOCATIONS_DO_NOT_SUM,
    /** Two allocations of one trade share an allocationId. */
    DUPLICATE_ALLOCATION,
    /** The settlement date (or a settlement instruction's intended settlement date) precedes the trade date. */
    SETTLEMENT_BEFORE_TRADE_DATE,
    /** A settlement instruction names its own party as the counterparty: nobody settles with themselves. */
    SAME_PARTY,
    /** A settlement confirmation that names one instruction as both its delivery and its receipt. */
    SAME_INSTRUCTION,
    /**
     * The same messageId from the same sender with different content: decided by the inbound gateway against its
     * journal, never by a decoder (an identical redelivery is a silent duplicate instead).
     */
    DUPLICATE_ID_CONFLICT,
    /**
     * The sender may not send this: the body's {@code senderId} is not the participant the broker authenticated, the
     * participant does not hold the {@code senderRole} it claims, it is suspended, or the message (a confirmation, an
     * instruction for another party) may come only from a service. Decided by the first stage against the identity the
     * broker stamped on the message and the participant registry.
     */
    NOT_AUTHORIZED
}
