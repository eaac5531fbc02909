-- Decisions are final: a replayed input gets the answer it got the first time, without being decoded again (a decoder
-- may decide differently today). A REJECTED report is repeated with the instructionId it named then ...
ALTER TABLE rejected_input ADD COLUMN instruction_id text;
-- ... and a replayed instruction finds what it booked by its journal key.
CREATE INDEX instruction_by_input_key ON instruction (input_key);
