-- The settlement book of settlement matching: every accepted instruction, the pairs matching decided (settled at
-- once: the sandbox has no CSD), what each input produced (so a replay repeats it exactly), rejected inputs, and the
-- confirmations egress built for trade matching.

CREATE TABLE instruction (
    instruction_id             text PRIMARY KEY,
    message_id                 text        NOT NULL,  -- the message that booked it
    input_key                  text        NOT NULL,  -- that message's journal key
    match_id                   text        NOT NULL,  -- the trade pair it settles, as trade matching named it
    allocation_id              text        NOT NULL,
    direction                  text        NOT NULL,
    party                      text        NOT NULL,
    counterparty               text        NOT NULL,
    security                   text        NOT NULL,
    quantity                   bigint      NOT NULL CHECK (quantity > 0),
    settlement_amount          numeric     NOT NULL CHECK (settlement_amount > 0),
    currency                   char(3)     NOT NULL,
    trade_date                 date        NOT NULL,
    intended_settlement_date   date        NOT NULL,
    pairing_key                text        NOT NULL,
    arrival_seq                bigserial   NOT NULL,
    received_at                timestamptz NOT NULL,
    status                     text        NOT NULL,  -- RECEIVED until matching decides; then a SettlementStatus
    version                    integer     NOT NULL DEFAULT 0,
    settlement_match_id        text,
    counterpart_instruction_id text REFERENCES instruction (instruction_id)
);

-- Matching looks for open instructions (unmatched, or mismatched and still free) with the same pairing key.
CREATE INDEX instruction_open ON instruction (pairing_key, arrival_seq) WHERE status IN ('UNMATCHED', 'MISMATCHED');

CREATE TABLE settlement_match (
    settlement_match_id    text PRIMARY KEY,
    deliver_instruction_id text        NOT NULL REFERENCES instruction (instruction_id),
    receive_instruction_id text        NOT NULL REFERENCES instruction (instruction_id),
    settled_at             timestamptz NOT NULL
);

-- Every event matching produced for an input, in order: a replayed input re-publishes exactly these.
CREATE TABLE match_event (
    input_key text    NOT NULL,
    seq       integer NOT NULL,
    payload   text    NOT NULL,
    PRIMARY KEY (input_key, seq)
);

CREATE TABLE rejected_input (
    input_key   text PRIMARY KEY,
    party       text,
    message_id  text,
    reasons     text        NOT NULL,                 -- JSON list of rejections
    rejected_at timestamptz NOT NULL
);

CREATE TABLE confirmation (
    message_id          text PRIMARY KEY,
    settlement_match_id text        NOT NULL,
    match_id            text        NOT NULL,
    allocation_id       text        NOT NULL,
    payload             text        NOT NULL,         -- the confirmation as sent on settlements.confirmations
    created_at          timestamptz NOT NULL
);
