-- The issuer's cheques and the monthly payment run (shared/DOMAIN.md: the issuer sells the
-- cheques, tells the organisation what each gebruiker bought, takes back the paper cheques and
-- pays the organisation; the organisation pays its workers each month). Kept in step with
-- ../postgres.

-- The organisation's bank account, the debtor of the payment run's transfers.
ALTER TABLE organisation ADD COLUMN iban TEXT;
ALTER TABLE organisation ADD COLUMN bic TEXT;
-- The worker's account (checked: Belgian format, mod 97).
ALTER TABLE worker ADD COLUMN iban TEXT;

-- An issuer's statement imported: one per file (its hash), each line a batch.
CREATE TABLE statement_import (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    lines INTEGER NOT NULL,
    cheques INTEGER NOT NULL,
    imported_by INTEGER REFERENCES account (id),
    imported_at TEXT NOT NULL,
    UNIQUE (organisation_id, file_hash)
);
-- A statement's file between its upload and its import (the column mapping is chosen in
-- between); its rows as JSON.
CREATE TABLE statement_upload (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    file_name TEXT NOT NULL,
    file_hash TEXT NOT NULL,
    rows_json TEXT NOT NULL,
    uploaded_by INTEGER REFERENCES account (id),
    uploaded_at TEXT NOT NULL
);
-- A batch from a statement names it, and the issuer's reference of its line when there is one
-- (a line seen again in a later statement adds nothing).
ALTER TABLE cheque_batch ADD COLUMN import_id INTEGER REFERENCES statement_import (id);
ALTER TABLE cheque_batch ADD COLUMN reference TEXT;
CREATE UNIQUE INDEX cheque_batch_reference ON cheque_batch (organisation_id, reference) WHERE reference IS NOT NULL;

-- An extension of validity by order (MB 19-4-2021, Besluit 3-4-2020): the batches issued up to
-- a day are valid this many months from issue. A new fact, never an edit of a batch.
CREATE TABLE validity_extension (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    issued_up_to TEXT NOT NULL,
    valid_months INTEGER NOT NULL CHECK (valid_months BETWEEN 13 AND 36),
    reason TEXT NOT NULL,
    created_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL
);
CREATE TRIGGER validity_extension_no_update BEFORE UPDATE ON validity_extension
BEGIN SELECT RAISE(ABORT, 'validity_extension is append-only'); END;
CREATE TRIGGER validity_extension_no_delete BEFORE DELETE ON validity_extension
BEGIN SELECT RAISE(ABORT, 'validity_extension is append-only'); END;

-- The paper cheques a worker handed in for a prestatie: a number is accepted once in the whole
-- installation, ever. `month` is the hand-in list it belongs to (the month it was recorded).
CREATE TABLE paper_cheque (
    id INTEGER PRIMARY KEY,
    number TEXT NOT NULL UNIQUE,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    time_entry_id INTEGER NOT NULL REFERENCES time_entry (id),
    price_cents INTEGER NOT NULL CHECK (price_cents IN (595, 645, 695, 745)),
    month TEXT NOT NULL,
    recorded_by INTEGER REFERENCES account (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX paper_cheque_month ON paper_cheque (organisation_id, month);
CREATE INDEX paper_cheque_entry ON paper_cheque (time_entry_id);
CREATE TRIGGER paper_cheque_no_update BEFORE UPDATE ON paper_cheque
BEGIN SELECT RAISE(ABORT, 'paper_cheque is append-only'); END;
CREATE TRIGGER paper_cheque_no_delete BEFORE DELETE ON paper_cheque
BEGIN SELECT RAISE(ABORT, 'paper_cheque is append-only'); END;

-- The hand-in list (bordereau) of a month, closed once sent to the issuer.
CREATE TABLE hand_in_list (
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    month TEXT NOT NULL,
    cheques INTEGER NOT NULL,
    amount_cents INTEGER NOT NULL,
    closed_by INTEGER REFERENCES account (id),
    closed_at TEXT NOT NULL,
    PRIMARY KEY (organisation_id, month)
);

-- What the issuer paid the organisation for a month's cheques (entered by hand).
CREATE TABLE issuer_payment (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    month TEXT NOT NULL,
    amount_cents INTEGER NOT NULL,
    paid_on TEXT NOT NULL,
    reference TEXT NOT NULL,
    recorded_by INTEGER REFERENCES account (id),
    recorded_at TEXT NOT NULL
);
CREATE INDEX issuer_payment_month ON issuer_payment (organisation_id, month);

-- The monthly payment run, closed once: what it paid, per prestatie and per worker, and the
-- bank file it made. Never recomputed; what changes later goes into the next run.
CREATE TABLE payment_run (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    month TEXT NOT NULL,
    total_cents INTEGER NOT NULL,
    transfers INTEGER NOT NULL,
    message_id TEXT NOT NULL,
    sepa_xml TEXT NOT NULL,
    closed_by INTEGER REFERENCES account (id),
    closed_at TEXT NOT NULL,
    UNIQUE (organisation_id, month)
);
CREATE TABLE payment_run_line (
    run_id INTEGER NOT NULL REFERENCES payment_run (id),
    worker_id INTEGER NOT NULL REFERENCES worker (id),
    iban TEXT NOT NULL,
    entries INTEGER NOT NULL,
    minutes INTEGER NOT NULL,
    cheques INTEGER NOT NULL,
    km INTEGER NOT NULL,
    paid_km INTEGER NOT NULL,
    work_cents INTEGER NOT NULL,
    km_cents INTEGER NOT NULL,
    total_cents INTEGER NOT NULL CHECK (total_cents > 0),
    PRIMARY KEY (run_id, worker_id)
);
-- Each prestatie (revision) a run paid, or took back (`sign` -1) after it changed.
CREATE TABLE payment_run_entry (
    run_id INTEGER NOT NULL REFERENCES payment_run (id),
    time_entry_id INTEGER NOT NULL REFERENCES time_entry (id),
    revision INTEGER NOT NULL,
    sign INTEGER NOT NULL CHECK (sign IN (1, -1)),
    worker_id INTEGER NOT NULL REFERENCES worker (id),
    work_date TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    cheques INTEGER NOT NULL,
    km INTEGER NOT NULL,
    paid_km INTEGER NOT NULL,
    work_cents INTEGER NOT NULL,
    km_cents INTEGER NOT NULL,
    PRIMARY KEY (run_id, time_entry_id, revision, sign)
);
CREATE INDEX payment_run_entry_entry ON payment_run_entry (time_entry_id);
CREATE TRIGGER payment_run_no_update BEFORE UPDATE ON payment_run
BEGIN SELECT RAISE(ABORT, 'payment_run is append-only'); END;
CREATE TRIGGER payment_run_no_delete BEFORE DELETE ON payment_run
BEGIN SELECT RAISE(ABORT, 'payment_run is append-only'); END;
CREATE TRIGGER payment_run_line_no_update BEFORE UPDATE ON payment_run_line
BEGIN SELECT RAISE(ABORT, 'payment_run_line is append-only'); END;
CREATE TRIGGER payment_run_line_no_delete BEFORE DELETE ON payment_run_line
BEGIN SELECT RAISE(ABORT, 'payment_run_line is append-only'); END;
CREATE TRIGGER payment_run_entry_no_update BEFORE UPDATE ON payment_run_entry
BEGIN SELECT RAISE(ABORT, 'payment_run_entry is append-only'); END;
CREATE TRIGGER payment_run_entry_no_delete BEFORE DELETE ON payment_run_entry
BEGIN SELECT RAISE(ABORT, 'payment_run_entry is append-only'); END;
