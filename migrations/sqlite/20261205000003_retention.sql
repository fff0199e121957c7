-- Retention: an organisation keeps an ended trajectory and an inactive gebruiker for this many
-- months (default 24), then a background job anonymises them; the rows that reports count
-- stay, the names, contact details and free texts go. The audit trail stays append-only, with
-- one change allowed: a person's details blanked to '[geanonimiseerd]'. Kept in step with
-- ../postgres.
ALTER TABLE organisation ADD COLUMN retention_months INTEGER NOT NULL DEFAULT 24
    CHECK (retention_months BETWEEN 6 AND 120);
ALTER TABLE worker ADD COLUMN anonymised_at TEXT;
ALTER TABLE client ADD COLUMN anonymised_at TEXT;

DROP TRIGGER audit_event_no_update;
CREATE TRIGGER audit_event_no_update BEFORE UPDATE ON audit_event
WHEN NOT (
    NEW.detail = '[geanonimiseerd]'
    AND NEW.id = OLD.id
    AND NEW.organisation_id IS OLD.organisation_id
    AND NEW.account_id IS OLD.account_id
    AND NEW.action = OLD.action
    AND NEW.subject = OLD.subject
    AND NEW.subject_id IS OLD.subject_id
    AND NEW.created_at = OLD.created_at
)
BEGIN SELECT RAISE(ABORT, 'audit_event is append-only'); END;
