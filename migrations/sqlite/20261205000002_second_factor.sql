-- A second factor for bemiddelaars and admins: a TOTP secret (confirmed once a code from the
-- app matched), the last time step used (a code works once), and ten single-use recovery codes
-- (kept as hashes). An organisation may make it mandatory for its staff. Kept in step with
-- ../postgres.
ALTER TABLE organisation ADD COLUMN staff_second_factor_required INTEGER NOT NULL DEFAULT 0
    CHECK (staff_second_factor_required IN (0, 1));

CREATE TABLE second_factor (
    account_id INTEGER PRIMARY KEY REFERENCES account (id),
    secret TEXT NOT NULL,
    confirmed_at TEXT,
    last_step INTEGER NOT NULL DEFAULT 0,
    created_at TEXT NOT NULL
);

CREATE TABLE recovery_code (
    id INTEGER PRIMARY KEY,
    account_id INTEGER NOT NULL REFERENCES account (id),
    code_hash TEXT NOT NULL,
    used_at TEXT,
    UNIQUE (account_id, code_hash)
);
