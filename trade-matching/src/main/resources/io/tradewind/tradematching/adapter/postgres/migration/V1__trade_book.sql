-- The trade book of trade matching: every accepted trade, its allocations, the pairs matching decided, what each
-- input produced (so a replay repeats it exactly), rejected inputs, and the settlement instructions egress built.

CREATE TABLE trade (
    trade_id             text PRIMARY KEY,         -- sender id | trade ref
    sender_id            text        NOT NULL,
    sender_role          text        NOT NULL,
    trade_ref            text        NOT NULL,
    message_id           text        NOT NULL,     -- the NEW message that booked it
    input_key            text        NOT NULL,     -- that message's journal key
    executing_broker     text        NOT NULL,
    investment_manager   text        NOT NULL,
    side                 text        NOT NULL,
    security             text        NOT NULL,
    quantity             bigint      NOT NULL CHECK (quantity > 0),
    price                numeric     NOT NULL CHECK (price > 0),
    currency             char(3)     NOT NULL,
    trade_date           date        NOT NULL,
    settlement_date      date        NOT NULL,
    net_amount           numeric     NOT NULL,
    pairing_key          text        NOT NULL,
    arrival_seq          bigserial   NOT NULL,
    received_at          timestamptz NOT NULL,
    status               text        NOT NULL,     -- RECEIVED until matching decides; then a BookStatus
    version              integer     NOT NULL DEFAULT 0,
    match_id             text,
    counterpart_trade_id text REFERENCES trade (trade_id)
);

-- Matching looks for unpaired sides with the same pairing key, oldest first.
CREATE INDEX trade_unpaired ON trade (pairing_key, arrival_seq) WHERE status = 'UNMATCHED';

CREATE TABLE trade_allocation (
    trade_id      text    NOT NULL REFERENCES trade (trade_id),
    allocation_id text    NOT NULL,
    account       text    NOT NULL,
    quantity      bigint  NOT NULL CHECK (quantity > 0),
    settled       boolean NOT NULL DEFAULT false,
    PRIMARY KEY (trade_id, allocation_id)
);

CREATE TABLE trade_match (
    match_id   text PRIMARY KEY,
    trade_id_a text        NOT NULL REFERENCES trade (trade_id),
    trade_id_b text        NOT NULL REFERENCES trade (trade_id),
    outcome    text        NOT NULL,               -- MATCHED or MISMATCHED
    reasons    text        NOT NULL,               -- JSON list of reasons from trade a's point of view
    decided_at timestamptz NOT NULL
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
    sender_id   text,
    message_id  text,
    reasons     text        NOT NULL,              -- JSON list of rejections
    rejected_at timestamptz NOT NULL
);

CREATE TABLE settlement_instruction (
    instruction_id text PRIMARY KEY,
    match_id       text        NOT NULL,
    allocation_id  text        NOT NULL,
    direction      text        NOT NULL,
    payload        text        NOT NULL,           -- the instruction as sent on settlements.inbound
    created_at     timestamptz NOT NULL
);
