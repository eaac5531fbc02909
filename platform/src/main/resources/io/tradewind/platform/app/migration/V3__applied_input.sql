-- Every input matching has applied, whether or not it produced events (a confirmation of an allocation that is not
-- the last one produces none): reconciliation tells an applied input from a lost one by this row.
CREATE TABLE applied_input (
    input_key  text PRIMARY KEY,
    applied_at timestamptz NOT NULL DEFAULT now()
);
