-- The outbound gateway's sent-log: every message id it sent, so a replayed input never sends one twice. Kept here
-- rather than in DynamoDB (see PostgresSentLog): one round trip per batch, replicated with the rest of the schema.
CREATE TABLE sent_log (
    message_id text PRIMARY KEY,
    sent_at    timestamptz NOT NULL
);
