-- Te bekijken settles prestaties: a bemiddelaar corrects one (start, end, pause, km) or rejects
-- it. Each correction is a new revision of the prestatie; when it was paid, the ledger gets a
-- refund of that payment (its cheques back to the batches they came from) and a new payment
-- for the corrected hours: rows are added, never changed. Kept in step with ../postgres.
--
-- New CHECKs on `time_entry` ('rejected') and `cheque_ledger` ('refund'), so both are rebuilt
-- the way 20261130000001_core.sql explains: the tables that refer to them (cheque_ledger,
-- cheque_use) are parked in tables without references meanwhile.
CREATE TABLE cheque_use_parked AS SELECT * FROM cheque_use;
DROP TABLE cheque_use;
CREATE TABLE cheque_ledger_parked AS SELECT * FROM cheque_ledger;
DROP TABLE cheque_ledger;

CREATE TABLE time_entry_new (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    assignment_id INTEGER NOT NULL REFERENCES assignment (id),
    worker_id INTEGER NOT NULL REFERENCES worker (id),
    -- The Brussels calendar day the work started: months and years are counted on it.
    work_date TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    minutes INTEGER CHECK (minutes > 0),
    status TEXT NOT NULL CHECK (status IN ('running', 'submitted', 'confirmed', 'disputed', 'review', 'corrected', 'rejected')),
    source TEXT NOT NULL CHECK (source IN ('clock', 'manual')),
    dispute_reason TEXT,
    decided_at TEXT,
    decided_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL,
    -- Whole minutes of pause inside the entry; `paused_at` while a running clock is paused.
    pause_minutes INTEGER NOT NULL DEFAULT 0 CHECK (pause_minutes >= 0),
    paused_at TEXT,
    km INTEGER NOT NULL DEFAULT 0 CHECK (km BETWEEN 0 AND 500),
    note TEXT NOT NULL DEFAULT '',
    updated_at TEXT,
    submitted_at TEXT,
    auto_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (auto_confirmed IN (0, 1)),
    cheques_owed INTEGER NOT NULL DEFAULT 0 CHECK (cheques_owed >= 0),
    -- Counts the bemiddelaar's corrections: each payment belongs to one revision.
    revision INTEGER NOT NULL DEFAULT 0 CHECK (revision >= 0),
    CHECK ((status = 'running') = (ended_at IS NULL)),
    CHECK ((status = 'running') = (minutes IS NULL)),
    CHECK (paused_at IS NULL OR status = 'running')
);
INSERT INTO time_entry_new (id, organisation_id, assignment_id, worker_id, work_date, started_at,
    ended_at, minutes, status, source, dispute_reason, decided_at, decided_by, created_at,
    pause_minutes, paused_at, km, note, updated_at, submitted_at, auto_confirmed, cheques_owed)
SELECT id, organisation_id, assignment_id, worker_id, work_date, started_at,
    ended_at, minutes, status, source, dispute_reason, decided_at, decided_by, created_at,
    pause_minutes, paused_at, km, note, updated_at, submitted_at, auto_confirmed, cheques_owed
FROM time_entry;
DROP TABLE time_entry;
ALTER TABLE time_entry_new RENAME TO time_entry;
CREATE UNIQUE INDEX time_entry_one_running ON time_entry (worker_id) WHERE status = 'running';
CREATE INDEX time_entry_worker_date ON time_entry (worker_id, work_date);
CREATE INDEX time_entry_assignment ON time_entry (assignment_id, status);
CREATE INDEX time_entry_running ON time_entry (started_at) WHERE status = 'running';
CREATE INDEX time_entry_submitted ON time_entry (submitted_at) WHERE status = 'submitted';
CREATE INDEX time_entry_owing ON time_entry (id) WHERE cheques_owed > 0;
CREATE INDEX time_entry_organisation_day ON time_entry (organisation_id, work_date);

CREATE TABLE cheque_ledger (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    client_id INTEGER NOT NULL REFERENCES client (id),
    change INTEGER NOT NULL CHECK (change <> 0),
    reason TEXT NOT NULL CHECK (reason IN ('purchase', 'prestatie', 'expired', 'reversal', 'refund')),
    time_entry_id INTEGER REFERENCES time_entry (id),
    -- The batch a purchase made, expired or reversed; a payment or refund names its batches
    -- in cheque_use.
    batch_id INTEGER REFERENCES cheque_batch (id),
    created_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL,
    -- The prestatie's revision a payment paid or a refund gave back.
    revision INTEGER NOT NULL DEFAULT 0,
    CHECK ((reason IN ('prestatie', 'refund')) = (time_entry_id IS NOT NULL)),
    CHECK ((reason IN ('prestatie', 'refund')) = (batch_id IS NULL)),
    CHECK ((reason IN ('purchase', 'refund')) = (change > 0))
);
INSERT INTO cheque_ledger (id, organisation_id, client_id, change, reason, time_entry_id,
    batch_id, created_by, created_at)
SELECT id, organisation_id, client_id, change, reason, time_entry_id, batch_id, created_by,
    created_at
FROM cheque_ledger_parked;
DROP TABLE cheque_ledger_parked;
CREATE INDEX cheque_ledger_client ON cheque_ledger (client_id);
-- A revision of a prestatie is paid once and refunded at most once.
CREATE UNIQUE INDEX cheque_ledger_one_payment ON cheque_ledger (time_entry_id, revision) WHERE reason = 'prestatie';
CREATE UNIQUE INDEX cheque_ledger_one_refund ON cheque_ledger (time_entry_id, revision) WHERE reason = 'refund';
CREATE UNIQUE INDEX cheque_ledger_one_expiry ON cheque_ledger (batch_id) WHERE reason = 'expired';
CREATE UNIQUE INDEX cheque_ledger_one_reversal ON cheque_ledger (batch_id) WHERE reason = 'reversal';
CREATE TRIGGER cheque_ledger_no_update BEFORE UPDATE ON cheque_ledger
BEGIN SELECT RAISE(ABORT, 'cheque_ledger is append-only'); END;
CREATE TRIGGER cheque_ledger_no_delete BEFORE DELETE ON cheque_ledger
BEGIN SELECT RAISE(ABORT, 'cheque_ledger is append-only'); END;

CREATE TABLE cheque_use (
    ledger_id INTEGER NOT NULL REFERENCES cheque_ledger (id),
    batch_id INTEGER NOT NULL REFERENCES cheque_batch (id),
    -- Negative for a refund: the cheques go back to the batch.
    cheques INTEGER NOT NULL CHECK (cheques <> 0),
    PRIMARY KEY (ledger_id, batch_id)
);
INSERT INTO cheque_use (ledger_id, batch_id, cheques)
SELECT ledger_id, batch_id, cheques FROM cheque_use_parked;
DROP TABLE cheque_use_parked;
CREATE INDEX cheque_use_batch ON cheque_use (batch_id);
CREATE TRIGGER cheque_use_no_update BEFORE UPDATE ON cheque_use
BEGIN SELECT RAISE(ABORT, 'cheque_use is append-only'); END;
CREATE TRIGGER cheque_use_no_delete BEFORE DELETE ON cheque_use
BEGIN SELECT RAISE(ABORT, 'cheque_use is append-only'); END;
