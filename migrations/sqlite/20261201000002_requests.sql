-- Matching: what a worker can do (skills from the activity list) and when (weekday, morning or
-- afternoon); a gebruiker's request (taken by the bemiddelaar) with its preferred moments; and
-- the offers made for it (assignments that point back to their request). Kept in step with
-- ../postgres.
CREATE TABLE worker_skill (
    worker_id INTEGER NOT NULL REFERENCES worker (id),
    activity_id INTEGER NOT NULL REFERENCES activity (id),
    PRIMARY KEY (worker_id, activity_id)
);

-- weekday: 1 = Monday … 7 = Sunday (ISO).
CREATE TABLE worker_availability (
    worker_id INTEGER NOT NULL REFERENCES worker (id),
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon')),
    PRIMARY KEY (worker_id, weekday, part)
);

CREATE TABLE request (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    client_id INTEGER NOT NULL REFERENCES client (id),
    activity_id INTEGER NOT NULL REFERENCES activity (id),
    description TEXT NOT NULL,
    recurrence TEXT NOT NULL CHECK (recurrence IN ('once', 'weekly')),
    planned_minutes INTEGER NOT NULL CHECK (planned_minutes BETWEEN 15 AND 720),
    status TEXT NOT NULL CHECK (status IN ('open', 'closed')),
    created_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL
);
CREATE INDEX request_organisation ON request (organisation_id, status);

CREATE TABLE request_slot (
    request_id INTEGER NOT NULL REFERENCES request (id),
    weekday INTEGER NOT NULL CHECK (weekday BETWEEN 1 AND 7),
    part TEXT NOT NULL CHECK (part IN ('morning', 'afternoon')),
    PRIMARY KEY (request_id, weekday, part)
);

ALTER TABLE assignment ADD COLUMN request_id INTEGER REFERENCES request (id);
CREATE INDEX assignment_request ON assignment (request_id);
