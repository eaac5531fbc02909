-- Decisions are final: a replayed input that was rejected gets the same REJECTED report without being decoded again
-- (a decoder may decide differently today), naming the instructionId it named then.
ALTER TABLE rejected_input ADD COLUMN instruction_id text;
