-- Wijkwerk foundation schema (PostgreSQL). Kept in step with ../sqlite: same tables, same names.
-- Every integer is BIGINT so that both backends decode into i64.

CREATE TABLE organisation (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    name TEXT NOT NULL,
    cheque_price_cents BIGINT NOT NULL DEFAULT 745 CHECK (cheque_price_cents IN (595, 645, 695, 745)),
    allowance_cents_per_hour BIGINT NOT NULL DEFAULT 410 CHECK (allowance_cents_per_hour >= 0),
    km_rate_cents BIGINT NOT NULL DEFAULT 15 CHECK (km_rate_cents >= 0),
    registration_fee_cents BIGINT NOT NULL DEFAULT 750 CHECK (registration_fee_cents >= 0),
    cheque_rounding TEXT NOT NULL DEFAULT 'started_hour' CHECK (cheque_rounding IN ('started_hour', 'nearest_hour')),
    auto_confirm_days BIGINT NOT NULL DEFAULT 4 CHECK (auto_confirm_days BETWEEN 1 AND 30),
    created_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE municipality (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    name TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE account (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    email TEXT NOT NULL UNIQUE CHECK (email = lower(email)),
    password_hash TEXT NOT NULL,
    role TEXT NOT NULL CHECK (role IN ('worker', 'client', 'coordinator', 'admin')),
    display_name TEXT NOT NULL,
    active BOOLEAN NOT NULL DEFAULT TRUE,
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX account_organisation ON account (organisation_id);

CREATE TABLE worker (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    account_id BIGINT NOT NULL UNIQUE REFERENCES account (id),
    municipality_id BIGINT NOT NULL REFERENCES municipality (id),
    first_name TEXT NOT NULL,
    last_name TEXT NOT NULL,
    phone TEXT,
    trajectory_start DATE NOT NULL,
    trajectory_planned_end DATE NOT NULL,
    ex_pwa BOOLEAN NOT NULL DEFAULT FALSE,
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (trajectory_planned_end >= trajectory_start)
);
CREATE INDEX worker_organisation ON worker (organisation_id, municipality_id);

CREATE TABLE client (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    account_id BIGINT UNIQUE REFERENCES account (id),
    municipality_id BIGINT NOT NULL REFERENCES municipality (id),
    kind TEXT NOT NULL CHECK (kind IN ('private_person', 'local_authority', 'non_profit', 'school', 'agriculture')),
    client_number TEXT NOT NULL,
    name TEXT NOT NULL,
    street TEXT NOT NULL,
    postcode TEXT NOT NULL,
    city TEXT NOT NULL,
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation_id, client_number)
);

CREATE TABLE activity (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    category TEXT NOT NULL CHECK (category IN ('prevention', 'administration', 'repairs', 'garden', 'agriculture', 'logistics', 'accompanying', 'household')),
    name TEXT NOT NULL,
    UNIQUE (organisation_id, name)
);

CREATE TABLE assignment (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    client_id BIGINT NOT NULL REFERENCES client (id),
    worker_id BIGINT REFERENCES worker (id),
    activity_id BIGINT NOT NULL REFERENCES activity (id),
    description TEXT NOT NULL DEFAULT '',
    status TEXT NOT NULL CHECK (status IN ('offered', 'accepted', 'declined', 'finished', 'cancelled')),
    planned_date DATE NOT NULL,
    planned_start TIME,
    planned_minutes BIGINT NOT NULL CHECK (planned_minutes > 0),
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX assignment_worker_date ON assignment (worker_id, planned_date);

CREATE TABLE time_entry (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    assignment_id BIGINT NOT NULL REFERENCES assignment (id),
    worker_id BIGINT NOT NULL REFERENCES worker (id),
    work_date DATE NOT NULL,
    started_at TIMESTAMPTZ NOT NULL,
    ended_at TIMESTAMPTZ,
    minutes BIGINT CHECK (minutes > 0),
    status TEXT NOT NULL CHECK (status IN ('running', 'submitted', 'confirmed', 'disputed')),
    source TEXT NOT NULL CHECK (source IN ('clock', 'manual')),
    dispute_reason TEXT,
    decided_at TIMESTAMPTZ,
    decided_by BIGINT REFERENCES account (id),
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((status = 'running') = (ended_at IS NULL)),
    CHECK ((status = 'running') = (minutes IS NULL))
);
CREATE UNIQUE INDEX time_entry_one_running ON time_entry (worker_id) WHERE status = 'running';
CREATE INDEX time_entry_worker_date ON time_entry (worker_id, work_date);
CREATE INDEX time_entry_assignment ON time_entry (assignment_id, status);

CREATE TABLE cheque_ledger (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    client_id BIGINT NOT NULL REFERENCES client (id),
    change BIGINT NOT NULL CHECK (change <> 0),
    reason TEXT NOT NULL CHECK (reason IN ('purchase', 'prestatie')),
    time_entry_id BIGINT REFERENCES time_entry (id),
    created_by BIGINT REFERENCES account (id),
    created_at TIMESTAMPTZ NOT NULL,
    CHECK ((reason = 'prestatie') = (time_entry_id IS NOT NULL))
);
CREATE INDEX cheque_ledger_client ON cheque_ledger (client_id);
CREATE UNIQUE INDEX cheque_ledger_one_payment ON cheque_ledger (time_entry_id) WHERE reason = 'prestatie';

CREATE TABLE audit_event (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    account_id BIGINT REFERENCES account (id),
    action TEXT NOT NULL,
    subject TEXT NOT NULL,
    subject_id BIGINT,
    detail TEXT NOT NULL DEFAULT '',
    created_at TIMESTAMPTZ NOT NULL
);
CREATE INDEX audit_event_organisation ON audit_event (organisation_id, created_at);

CREATE FUNCTION refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% is append-only', TG_TABLE_NAME;
END;
$$;
CREATE TRIGGER cheque_ledger_append_only BEFORE UPDATE OR DELETE ON cheque_ledger
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
