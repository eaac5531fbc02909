-- How far this copy of the sent-log reaches (its newest send), read when the region's stages start: after a failover,
-- SentLogRecovery puts back from the send ledger what was sent beyond it.
CREATE INDEX sent_log_by_send_time ON sent_log (sent_at);
