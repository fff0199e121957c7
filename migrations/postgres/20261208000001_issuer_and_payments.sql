-- The issuer's cheques and the monthly payment run (shared/DOMAIN.md: the issuer sells the
-- cheques, tells the organisation what each gebruiker bought, takes back the paper cheques and
-- pays the organisation; the organisation pays its workers each month). Kept in step with
-- ../sqlite.

-- The organisation's bank account, the debtor of the payment run's transfers.
ALTER TABLE organisation ADD COLUMN iban TEXT;
ALTER TABLE organisation ADD COLUMN bic TEXT;
-- The worker's account (checked: Belgian format, mod 97).
ALTER TABLE worker ADD COLUMN iban TEXT;

-- An issuer's statement imported: one per file (its hash), each line a batch.
CREATE TABLE statement_import (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    lines BIGINT NOT NULL,
    cheques BIGINT NOT NULL,
    imported_by BIGINT REFERENCES account (id),
    imported_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation_id, file_hash)
);
-- A statement's file between its upload and its import (the column mapping is chosen in
-- between); its rows as JSON.
CREATE TABLE statement_upload (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    rows_json TEXT NOT NULL,
    uploaded_by BIGINT REFERENCES account (id),
    uploaded_at TIMESTAMPTZ NOT NULL
);
-- A batch from a statement names it, and the issuer's reference of its line when there is one
-- (a line seen again in a later statement adds nothing).
ALTER TABLE cheque_batch ADD COLUMN import_id BIGINT REFERENCES statement_import (id);
ALTER TABLE cheque_batch ADD COLUMN reference TEXT;
CREATE UNIQUE INDEX cheque_batch_reference ON cheque_batch (organisation_id, reference) WHERE reference IS NOT NULL;

-- An extension of validity by order (MB 19-4-2021, Besluit 3-4-2020): the batches issued up to
-- a day are valid this many months from issue. A new fact, never an edit of a batch.
CREATE TABLE validity_extension (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    issued_up_to DATE NOT NULL,
    valid_months BIGINT NOT NULL CHECK (valid_months BETWEEN 13 AND 36),
    reason TEXT NOT NULL,
    created_by BIGINT REFERENCES account (id),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE TRIGGER validity_extension_append_only BEFORE UPDATE OR DELETE ON validity_extension
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The paper cheques a worker handed in for a prestatie: a number is accepted once in the whole
-- installation, ever. `month` is the hand-in list it belongs to (the month it was recorded).
CREATE TABLE paper_cheque (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    time_entry_id BIGINT NOT NULL REFERENCES time_entry (id),
    price_cents BIGINT NOT NULL CHECK (price_cents IN (595, 645, 695, 745)),
    month DATE NOT NULL,
    recorded_by BIGINT REFERENCES account (id),
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX paper_cheque_month ON paper_cheque (organisation_id, month);
CREATE INDEX paper_cheque_entry ON paper_cheque (time_entry_id);
CREATE TRIGGER paper_cheque_append_only BEFORE UPDATE OR DELETE ON paper_cheque
    FOR EACH ROW EXECUTE FUNCTION refuse_change();

-- The hand-in list (bordereau) of a month, closed once sent to the issuer.
CREATE TABLE hand_in_list (
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    month DATE NOT NULL,
    cheques BIGINT NOT NULL,
    amount_cents BIGINT NOT NULL,
    closed_by BIGINT REFERENCES account (id),
    closed_at TIMESTAMPTZ NOT NULL,
    PRIMARY KEY (organisation_id, month)
);

-- What the issuer paid the organisation for a month's cheques (entered by hand).
CREATE TABLE issuer_payment (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    month DATE NOT NULL,
    amount_cents BIGINT NOT NULL,
    paid_on DATE NOT NULL,
    reference TEXT NOT NULL,
    recorded_by BIGINT REFERENCES account (id),
    recorded_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX issuer_payment_month ON issuer_payment (organisation_id, month);

-- The monthly payment run, closed once: what it paid, per prestatie and per worker, and the
-- bank file it made. Never recomputed; what changes later goes into the next run.
CREATE TABLE payment_run (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    month DATE NOT NULL,
    total_cents BIGINT NOT NULL,
    transfers BIGINT NOT NULL,
    message_id TEXT NOT NULL,
    sepa_xml TEXT NOT NULL,
    closed_by BIGINT REFERENCES account (id),
    closed_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation_id, month)
);
CREATE TABLE payment_run_line (
    run_id BIGINT NOT NULL REFERENCES payment_run (id),
    worker_id BIGINT NOT NULL REFERENCES worker (id),
    iban TEXT NOT NULL,
    entries BIGINT NOT NULL,
    minutes BIGINT NOT NULL,
    cheques BIGINT NOT NULL,
    km BIGINT NOT NULL,
    paid_km BIGINT NOT NULL,
    work_cents BIGINT NOT NULL,
    km_cents BIGINT NOT NULL,
    total_cents BIGINT NOT NULL CHECK (total_cents > 0),
    PRIMARY KEY (run_id, worker_id)
);
-- Each prestatie (revision) a run paid, or took back (`sign` -1) after it changed.
CREATE TABLE payment_run_entry (
    run_id BIGINT NOT NULL REFERENCES payment_run (id),
    time_entry_id BIGINT NOT NULL REFERENCES time_entry (id),
    revision BIGINT NOT NULL,
    sign BIGINT NOT NULL CHECK (sign IN (1, -1)),
    worker_id BIGINT NOT NULL REFERENCES worker (id),
    work_date DATE NOT NULL,
    minutes BIGINT NOT NULL,
    cheques BIGINT NOT NULL,
    km BIGINT NOT NULL,
    paid_km BIGINT NOT NULL,
    work_cents BIGINT NOT NULL,
    km_cents BIGINT NOT NULL,
    PRIMARY KEY (run_id, time_entry_id, revision, sign)
);
CREATE INDEX payment_run_entry_entry ON payment_run_entry (time_entry_id);
CREATE TRIGGER payment_run_append_only BEFORE UPDATE OR DELETE ON payment_run
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER payment_run_line_append_only BEFORE UPDATE OR DELETE ON payment_run_line
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER payment_run_entry_append_only BEFORE UPDATE OR DELETE ON payment_run_entry
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
