-- Who answered an offer (accepted or declined), when, and why not. Kept in step with ../sqlite.
ALTER TABLE assignment ADD COLUMN answered_at TIMESTAMPTZ;
ALTER TABLE assignment ADD COLUMN answered_by BIGINT REFERENCES account (id);
ALTER TABLE assignment ADD COLUMN decline_reason TEXT;
