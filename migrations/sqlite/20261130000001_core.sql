-- The core: failed logins are throttled in the database (every server process counts the same
-- attempts); a failed login with an unknown email is audited without an organisation; a
-- prestatie can be held "te controleren" (status 'review') for a coordinator.
--
-- SQLite cannot change a CHECK or a NOT NULL in place: tables are rebuilt (new table, copy,
-- drop, rename). sqlx runs every SQLite migration inside a transaction, where foreign keys
-- cannot be switched off, so the one table that refers to `time_entry` (cheque_ledger) is
-- parked in a table without references while `time_entry` is rebuilt, then put back with
-- its references, indexes and append-only triggers. Kept in step with ../postgres.
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
    status TEXT NOT NULL CHECK (status IN ('running', 'submitted', 'confirmed', 'disputed', 'review')),
    source TEXT NOT NULL CHECK (source IN ('clock', 'manual')),
    dispute_reason TEXT,
    decided_at TEXT,
    decided_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL,
    CHECK ((status = 'running') = (ended_at IS NULL)),
    CHECK ((status = 'running') = (minutes IS NULL))
);
INSERT INTO time_entry_new SELECT * FROM time_entry;
DROP TABLE time_entry;
ALTER TABLE time_entry_new RENAME TO time_entry;
-- A worker has at most one running clock: a double tap on Start cannot open two.
CREATE UNIQUE INDEX time_entry_one_running ON time_entry (worker_id) WHERE status = 'running';
CREATE INDEX time_entry_worker_date ON time_entry (worker_id, work_date);
CREATE INDEX time_entry_assignment ON time_entry (assignment_id, status);

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

CREATE TABLE audit_event_new (
    id INTEGER PRIMARY KEY,
    -- NULL only for a failed login with an email nobody has.
    organisation_id INTEGER REFERENCES organisation (id),
    account_id INTEGER REFERENCES account (id),
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_id INTEGER,
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
INSERT INTO audit_event_new SELECT * FROM audit_event;
DROP TABLE audit_event;
ALTER TABLE audit_event_new RENAME TO audit_event;
CREATE INDEX audit_event_organisation ON audit_event (organisation_id, created_at);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;

-- Failed logins per key ('account:<email>' or 'ip:<address>').
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures INTEGER NOT NULL CHECK (failures > 0),
    locked_until TEXT,
    updated_at TEXT NOT NULL
);
