-- A second factor for bemiddelaars and admins: a TOTP secret (confirmed once a code from the
-- app matched), the last time step used (a code works once), and ten single-use recovery codes
-- (kept as hashes). An organisation may make it mandatory for its staff. Kept in step with
-- ../sqlite.
ALTER TABLE organisation ADD COLUMN staff_second_factor_required BOOLEAN NOT NULL DEFAULT FALSE;

CREATE TABLE second_factor (
    account_id BIGINT PRIMARY KEY REFERENCES account (id),
    secret TEXT NOT NULL,
    confirmed_at TIMESTAMPTZ,
    last_step BIGINT NOT NULL DEFAULT 0,
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE recovery_code (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    account_id BIGINT NOT NULL REFERENCES account (id),
    code_hash TEXT NOT NULL,
    used_at TIMESTAMPTZ,
    UNIQUE (account_id, code_hash)
);
