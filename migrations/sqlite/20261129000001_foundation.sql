-- Wijkwerk foundation schema (SQLite). Kept in step with ../postgres: same tables, same names.
-- Money in integer cents, instants as UTC text, calendar days as 'YYYY-MM-DD'.

CREATE TABLE organisation (
    id INTEGER PRIMARY KEY,
    name TEXT NOT NULL,
    -- Settings with their legal defaults (BVR 29-9-2017, art. 38; see shared/DOMAIN.md).
    cheque_price_cents INTEGER NOT NULL DEFAULT 745 CHECK (cheque_price_cents IN (595, 645, 695, 745)),
    allowance_cents_per_hour INTEGER NOT NULL DEFAULT 410 CHECK (allowance_cents_per_hour >= 0),
    km_rate_cents INTEGER NOT NULL DEFAULT 15 CHECK (km_rate_cents >= 0),
    registration_fee_cents INTEGER NOT NULL DEFAULT 750 CHECK (registration_fee_cents >= 0),
    cheque_rounding TEXT NOT NULL DEFAULT 'started_hour' CHECK (cheque_rounding IN ('started_hour', 'nearest_hour')),
    auto_confirm_days INTEGER NOT NULL DEFAULT 4 CHECK (auto_confirm_days BETWEEN 1 AND 30),
    created_at TEXT NOT NULL
);

CREATE TABLE municipality (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    name TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE account (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('worker', 'client', 'coordinator', 'admin')),
    display_name TEXT NOT NULL,
    active INTEGER NOT NULL DEFAULT 1 CHECK (active IN (0, 1)),
    created_at TEXT NOT NULL
);
CREATE INDEX account_organisation ON account (organisation_id);

-- wijk-werker
CREATE TABLE worker (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    account_id INTEGER NOT NULL UNIQUE REFERENCES account (id),
    municipality_id INTEGER NOT NULL REFERENCES municipality (id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    trajectory_start TEXT NOT NULL,
    trajectory_planned_end TEXT NOT NULL,
    ex_pwa INTEGER NOT NULL DEFAULT 0 CHECK (ex_pwa IN (0, 1)),
    created_at TEXT NOT NULL,
    CHECK (trajectory_planned_end >= trajectory_start)
);
CREATE INDEX worker_organisation ON worker (organisation_id, municipality_id);

-- gebruiker
CREATE TABLE client (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    account_id INTEGER UNIQUE REFERENCES account (id),
    municipality_id INTEGER NOT NULL REFERENCES municipality (id),
    kind TEXT NOT NULL CHECK (kind IN ('private_person', 'local_authority', 'non_profit', 'school', 'agriculture')),
    client_number TEXT NOT NULL,
    name TEXT NOT NULL,
    street TEXT NOT NULL,
    postcode TEXT NOT NULL,
    city TEXT NOT NULL,
    created_at TEXT NOT NULL,
    UNIQUE (organisation_id, client_number)
);

CREATE TABLE activity (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    -- The 8 main groups of the Flemish activity list.
    category TEXT NOT NULL CHECK (category IN ('prevention', 'administration', 'repairs', 'garden', 'agriculture', 'logistics', 'accompanying', 'household')),
    name TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

-- opdracht
CREATE TABLE assignment (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    client_id INTEGER NOT NULL REFERENCES client (id),
    worker_id INTEGER REFERENCES worker (id),
    activity_id INTEGER NOT NULL REFERENCES activity (id),
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'finished', 'cancelled')),
    planned_date TEXT NOT NULL,
    planned_start TEXT,
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes > 0),
    created_at TEXT NOT NULL
);
CREATE INDEX assignment_worker_date ON assignment (worker_id, planned_date);

-- prestatie
CREATE TABLE time_entry (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    assignment_id INTEGER NOT NULL REFERENCES assignment (id),
    worker_id INTEGER NOT NULL REFERENCES worker (id),
    -- The Brussels calendar day the work started: months and years are counted on it.
    work_date TEXT NOT NULL,
    started_at TEXT NOT NULL,
    ended_at TEXT,
    minutes INTEGER CHECK (minutes > 0),
    status TEXT NOT NULL CHECK (status IN ('running', 'submitted', 'confirmed', 'disputed')),
    source TEXT NOT NULL CHECK (source IN ('clock', 'manual')),
    dispute_reason TEXT,
    decided_at TEXT,
    decided_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL,
    CHECK ((status = 'running') = (ended_at IS NULL)),
    CHECK ((status = 'running') = (minutes IS NULL))
);
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
CREATE INDEX cheque_ledger_client ON cheque_ledger (client_id);
-- A prestatie is paid once.
CREATE UNIQUE INDEX cheque_ledger_one_payment ON cheque_ledger (time_entry_id) WHERE reason = 'prestatie';
CREATE TRIGGER cheque_ledger_no_update BEFORE UPDATE ON cheque_ledger
BEGIN SELECT RAISE(ABORT, 'cheque_ledger is append-only'); END;
CREATE TRIGGER cheque_ledger_no_delete BEFORE DELETE ON cheque_ledger
BEGIN SELECT RAISE(ABORT, 'cheque_ledger is append-only'); END;

CREATE TABLE audit_event (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    account_id INTEGER REFERENCES account (id),
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_id INTEGER,
    detail TEXT NOT NULL DEFAULT '',
    created_at TEXT NOT NULL
);
CREATE INDEX audit_event_organisation ON audit_event (organisation_id, created_at);
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
