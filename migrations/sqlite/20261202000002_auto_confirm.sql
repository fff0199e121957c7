-- Automatische bevestiging. `submitted_at`: when the prestatie went to the gebruiker (the
-- organisation's days count from there; a change by the worker starts them again).
-- `auto_confirmed`: nobody answered, the organisation's rule confirmed it. `cheques_owed`:
-- confirmed while the gebruiker had too few cheques — it waits for cheques, and is paid from
-- the next purchase. Kept in step with the other backend.
ALTER TABLE time_entry ADD COLUMN submitted_at TEXT;
ALTER TABLE time_entry ADD COLUMN auto_confirmed INTEGER NOT NULL DEFAULT 0 CHECK (auto_confirmed IN (0, 1));
ALTER TABLE time_entry ADD COLUMN cheques_owed INTEGER NOT NULL DEFAULT 0 CHECK (cheques_owed >= 0);
UPDATE time_entry SET submitted_at = COALESCE(updated_at, ended_at, created_at) WHERE status = 'submitted';
CREATE INDEX time_entry_submitted ON time_entry (submitted_at) WHERE status = 'submitted';
CREATE INDEX time_entry_owing ON time_entry (id) WHERE cheques_owed > 0;
