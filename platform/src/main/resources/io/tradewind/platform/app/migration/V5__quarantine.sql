-- The quarantine: inputs a store refused or a stage could not decode, with their raw bytes, so that one poison input
-- never stalls its batch, queue or shard. Written by platform's PostgresQuarantine; listed and replayed by the ops
-- console. Replicated with the rest of the app's database.
CREATE TABLE quarantine (
    quarantine_id  text PRIMARY KEY,          -- the stage | the journal key or stream position: quarantined once
    stage          text        NOT NULL,      -- inbound-gateway, ingestion, matching, egress, outbound-gateway
    source         text        NOT NULL,      -- the queue (inbound-gateway) or stream the input came from
    partition_key  text,                      -- the stream partition key, for a replay onto the same stream
    reason         text        NOT NULL,      -- UNDECODABLE, REFUSED_BY_POSTGRES, REFUSED_BY_DYNAMODB, ...
    detail         text        NOT NULL,      -- what the store or decoder said
    payload        bytea       NOT NULL,      -- the raw bytes: the message body, or the stream record's data
    quarantined_at timestamptz NOT NULL,
    replayed_at    timestamptz,               -- the last replay by an operator
    replay_count   integer     NOT NULL DEFAULT 0
);

CREATE INDEX quarantine_by_time ON quarantine (quarantined_at);
