-- The worker's phone: pauses, hours entered afterwards (pause, km, note), changes until the
-- gebruiker confirms, a status for a coordinator's correction, the forgotten-clock settings,
-- the gebruiker's phone number and the account's language. Kept in step with ../sqlite.

ALTER TABLE time_entry DROP CONSTRAINT time_entry_status_check;
ALTER TABLE time_entry ADD CONSTRAINT time_entry_status_check
    CHECK (status IN ('running', 'submitted', 'confirmed', 'disputed', 'review', 'corrected'));
-- Whole minutes of pause inside the entry; `paused_at` while a running clock is paused.
ALTER TABLE time_entry ADD COLUMN pause_minutes BIGINT NOT NULL DEFAULT 0 CHECK (pause_minutes >= 0);
ALTER TABLE time_entry ADD COLUMN paused_at TIMESTAMPTZ;
ALTER TABLE time_entry ADD COLUMN km BIGINT NOT NULL DEFAULT 0 CHECK (km BETWEEN 0 AND 500);
ALTER TABLE time_entry ADD COLUMN note TEXT NOT NULL DEFAULT '';
ALTER TABLE time_entry ADD COLUMN updated_at TIMESTAMPTZ;
ALTER TABLE time_entry ADD CONSTRAINT time_entry_paused_running
    CHECK (paused_at IS NULL OR status = 'running');
-- The forgotten-clock job looks at running clocks only.
CREATE INDEX time_entry_running ON time_entry (started_at) WHERE status = 'running';

-- Forgotten clocks: a reminder this long after the planned end; closed by the server (at the
-- planned end, held for review) this long after the start.
ALTER TABLE organisation ADD COLUMN forgotten_reminder_minutes BIGINT NOT NULL DEFAULT 30
    CHECK (forgotten_reminder_minutes BETWEEN 0 AND 240);
ALTER TABLE organisation ADD COLUMN forgotten_close_minutes BIGINT NOT NULL DEFAULT 600
    CHECK (forgotten_close_minutes BETWEEN 60 AND 720);

ALTER TABLE client ADD COLUMN phone TEXT;
-- 'nl', 'fr' or 'en'; NULL until the person chooses.
ALTER TABLE account ADD COLUMN language TEXT CHECK (language IN ('nl', 'fr', 'en'));
