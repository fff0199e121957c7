-- The coordinator's workspace, part 1: a worker's referrer and the end of the trajectory with
-- its outcome, and the one-time activation codes that let a new account choose its password.
-- Kept in step with ../postgres.
ALTER TABLE worker ADD COLUMN referrer TEXT NOT NULL DEFAULT 'vdab'
    CHECK (referrer IN ('vdab', 'ocmw'));
-- Set together when the trajectory ends (doorstroom): work, training, another measure, stopped.
ALTER TABLE worker ADD COLUMN ended_on TEXT;
ALTER TABLE worker ADD COLUMN outcome TEXT
    CHECK (outcome IN ('work', 'training', 'other_measure', 'stopped'));

-- At most one live code per account: a new code replaces the old. Only a hash is kept (the
-- code is shown once, to the coordinator); the row goes when the code is used, so it is
-- single-use even when two phones type it at once.
CREATE TABLE activation_code (
    account_id INTEGER PRIMARY KEY REFERENCES account (id),
    code_hash TEXT NOT NULL UNIQUE,
    expires_at TEXT NOT NULL,
    created_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL
);
