-- Cancels that arrived before their trade was booked (a CANCEL can overtake its NEW between gateway consumers), held
-- by ingestion until the trade is booked, which releases them to matching right after the trade's own command, or
-- until the grace period runs out, when HeldCancelSweep answers them REJECTED UNKNOWN_TRADE for good.
CREATE TABLE pending_cancel (
    input_key   text PRIMARY KEY,          -- the CANCEL's journal key
    trade_id    text        NOT NULL,      -- sender id | trade ref of the trade it cancels
    sender_id   text        NOT NULL,
    trade_ref   text        NOT NULL,
    message_id  text        NOT NULL,
    received_at timestamptz NOT NULL,      -- when the gateway took the CANCEL
    held_at     timestamptz NOT NULL,      -- when ingestion first held it: the grace period runs from here
    released_at timestamptz,               -- its trade was booked: sent to matching; kept until matching applied it,
                                           -- so a booking replayed before then sends it again
    rejected_at timestamptz                -- answered UNKNOWN_TRADE (and in rejected_input); kept until published
);

-- Booking a trade releases its holds; the sweep finds the holds still waiting, oldest first.
CREATE INDEX pending_cancel_by_trade ON pending_cancel (trade_id);
CREATE INDEX pending_cancel_waiting ON pending_cancel (held_at) WHERE released_at IS NULL;

-- Decisions are final: a replayed input that was rejected gets the same REJECTED report without being decoded again
-- (a decoder may decide differently today), naming the tradeRef it named then.
ALTER TABLE rejected_input ADD COLUMN trade_ref text;
