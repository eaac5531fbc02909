package io.tradewind.model.trade;

/**
 * Why a field of an inbound message breaks the wire contract; one code per distinct problem, reported to the sender as
 * the {@code code} of a REJECTED status reason.
 */
public enum RejectionCode {
    /** The body is not JSON, or is JSON followed by trailing content. */
    MALFORMED_JSON,
    /** The body is over the size limit; it was not parsed. */
    TOO_LARGE,
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
    /** A string that does not have the required form: date, currency, decimal, ISIN, or too many decimal places. */
    INVALID_FORMAT,
    /** An ISIN whose form is right but whose check digit is wrong. */
    INVALID_CHECK_DIGIT,
    /** An integer too large for the contract's 64-bit quantities. */
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
    SAME_PARTY
}
