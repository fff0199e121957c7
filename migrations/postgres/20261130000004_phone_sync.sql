-- The phone's outbox, delivered exactly once: every action the phone recorded (Start, Pauze,
-- Verder, Stop, Annuleren, hours entered afterwards, Aanvaarden, Weigeren) is kept here under
-- the UUID the phone gave it, in the same transaction as its effect. A replay finds the row and
-- answers the first result. Kept in step with ../sqlite.
CREATE TABLE sync_action (
    -- The phone's UUID (v7), as text.
    id TEXT PRIMARY KEY CHECK (length(id) = 36),
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    account_id BIGINT NOT NULL REFERENCES account (id),
    worker_id BIGINT NOT NULL REFERENCES worker (id),
    kind TEXT NOT NULL CHECK (kind IN
        ('start', 'pause', 'resume', 'stop', 'cancel', 'enter_hours', 'accept', 'decline')),
    -- The action as the phone sent it (JSON), for the coordinator.
    payload TEXT NOT NULL,
    -- The tap on the phone's clock, and that clock's offset against the server at the sync.
    phone_tapped_at_ms BIGINT NOT NULL,
    phone_offset_ms BIGINT NOT NULL,
    -- The tap in server time (phone time + offset): the time the effect counts at.
    tapped_at TIMESTAMPTZ NOT NULL,
    received_at TIMESTAMPTZ NOT NULL,
    outcome TEXT NOT NULL CHECK (outcome IN ('applied', 'refused')),
    -- Why it was refused (the error as JSON): the worker sees it, a coordinator reviews it.
    problem TEXT CHECK ((outcome = 'refused') = (problem IS NOT NULL)),
    -- The prestatie it started, stopped, ... (no reference: a cancelled Start leaves none).
    entry_id BIGINT,
    reviewed_at TIMESTAMPTZ,
    reviewed_by BIGINT REFERENCES account (id)
);
-- The coordinator's queue: refused actions nobody looked at yet.
CREATE INDEX sync_action_to_review ON sync_action (organisation_id, received_at)
    WHERE outcome = 'refused' AND reviewed_at IS NULL;
