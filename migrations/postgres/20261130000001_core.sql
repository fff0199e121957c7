-- The core: failed logins are throttled in the database (every server process counts the same
-- attempts); a failed login with an unknown email is audited without an organisation; a
-- prestatie can be held "te controleren" (status 'review') for a coordinator.
-- Kept in step with ../sqlite.

ALTER TABLE time_entry DROP CONSTRAINT time_entry_status_check;
ALTER TABLE time_entry ADD CONSTRAINT time_entry_status_check
    CHECK (status IN ('running', 'submitted', 'confirmed', 'disputed', 'review'));

-- NULL only for a failed login with an email nobody has.
ALTER TABLE audit_event ALTER COLUMN organisation_id DROP NOT NULL;

-- Failed logins per key ('account:<email>' or 'ip:<address>').
CREATE TABLE login_throttle (
    key TEXT PRIMARY KEY,
    failures BIGINT NOT NULL CHECK (failures > 0),
    locked_until TIMESTAMPTZ,
    updated_at TIMESTAMPTZ NOT NULL
);
