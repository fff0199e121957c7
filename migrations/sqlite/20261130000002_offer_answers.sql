-- Who answered an offer (accepted or declined), when, and why not. Kept in step with ../postgres.
ALTER TABLE assignment ADD COLUMN answered_at TEXT;
ALTER TABLE assignment ADD COLUMN answered_by INTEGER REFERENCES account (id);
ALTER TABLE assignment ADD COLUMN decline_reason TEXT;
