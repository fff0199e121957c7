-- The worker's phone: pauses, hours entered afterwards (pause, km, note), changes until the
-- gebruiker confirms, a status for a coordinator's correction, the forgotten-clock settings,
-- the gebruiker's phone number and the account's language. Kept in step with ../postgres.
--
-- `time_entry` gets a new CHECK (status 'corrected'), so it is rebuilt the way
-- 20261130000001_core.sql explains (cheque_ledger parked meanwhile).
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
    status TEXT NOT NULL CHECK (status IN ('running', 'submitted', 'confirmed', 'disputed', 'review', 'corrected')),
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
    CHECK ((status = 'running') = (ended_at IS NULL)),
    CHECK ((status = 'running') = (minutes IS NULL)),
    CHECK (paused_at IS NULL OR status = 'running')
);
INSERT INTO time_entry_new (id, organisation_id, assignment_id, worker_id, work_date, started_at,
    ended_at, minutes, status, source, dispute_reason, decided_at, decided_by, created_at)
SELECT id, organisation_id, assignment_id, worker_id, work_date, started_at,
    ended_at, minutes, status, source, dispute_reason, decided_at, decided_by, created_at
FROM time_entry;
DROP TABLE time_entry;
ALTER TABLE time_entry_new RENAME TO time_entry;
-- A worker has at most one running clock: a double tap on Start cannot open two.
CREATE UNIQUE INDEX time_entry_one_running ON time_entry (worker_id) WHERE status = 'running';
CREATE INDEX time_entry_worker_date ON time_entry (worker_id, work_date);
CREATE INDEX time_entry_assignment ON time_entry (assignment_id, status);
-- The forgotten-clock job looks at running clocks only.
CREATE INDEX time_entry_running ON time_entry (started_at) WHERE status = 'running';

-- wijk-werkcheques: an append-only ledger; the balance is the sum of the changes.
CREATE TABLE cheque_ledger (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    client_id INTEGER NOT NULL REFERENCES client (id),
    change INTEGER NOT NULL CHECK (change <> 0),
    reason TEXT NOT NULL CHECK (reason IN ('purchase', 'prestatie')),
    time_entry_id INTEGER REFERENCES time_entry (id),
    created_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL,
    CHECK ((reason = 'prestatie') = (time_entry_id IS NOT NULL))
);
INSERT INTO cheque_ledger SELECT * FROM cheque_ledger_parked;
DROP TABLE cheque_ledger_parked;
CREATE INDEX cheque_ledger_client ON cheque_ledger (client_id);
-- A prestatie is paid once.
CREATE UNIQUE INDEX cheque_ledger_one_payment ON cheque_ledger (time_entry_id) WHERE reason = 'prestatie';
CREATE TRIGGER cheque_ledger_no_update BEFORE UPDATE ON cheque_ledger
BEGIN SELECT RAISE(ABORT, 'cheque_ledger is append-only'); END;
CREATE TRIGGER cheque_ledger_no_delete BEFORE DELETE ON cheque_ledger
BEGIN SELECT RAISE(ABORT, 'cheque_ledger is append-only'); END;

-- Forgotten clocks: a reminder this long after the planned end; closed by the server (at the
-- planned end, held for review) this long after the start.
ALTER TABLE organisation ADD COLUMN forgotten_reminder_minutes INTEGER NOT NULL DEFAULT 30
    CHECK (forgotten_reminder_minutes BETWEEN 0 AND 240);
ALTER TABLE organisation ADD COLUMN forgotten_close_minutes INTEGER NOT NULL DEFAULT 600
    CHECK (forgotten_close_minutes BETWEEN 60 AND 720);

ALTER TABLE client ADD COLUMN phone TEXT;
-- 'nl', 'fr' or 'en'; NULL until the person chooses.
ALTER TABLE account ADD COLUMN language TEXT CHECK (language IN ('nl', 'fr', 'en'));
