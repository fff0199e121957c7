-- Retention: an organisation keeps an ended trajectory and an inactive gebruiker for this many
-- months (default 24), then a background job anonymises them; the rows that reports count
-- stay, the names, contact details and free texts go. The audit trail stays append-only, with
-- one change allowed: a person's details blanked to '[geanonimiseerd]'. Kept in step with
-- ../sqlite.
ALTER TABLE organisation ADD COLUMN retention_months BIGINT NOT NULL DEFAULT 24
    CHECK (retention_months BETWEEN 6 AND 120);
ALTER TABLE worker ADD COLUMN anonymised_at TIMESTAMPTZ;
ALTER TABLE client ADD COLUMN anonymised_at TIMESTAMPTZ;

CREATE FUNCTION audit_event_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'UPDATE' AND NEW.detail = '[geanonimiseerd]'
       AND (NEW.id, NEW.organisation_id, NEW.account_id, NEW.action, NEW.subject,
            NEW.subject_id, NEW.created_at)
           IS NOT DISTINCT FROM
           (OLD.id, OLD.organisation_id, OLD.account_id, OLD.action, OLD.subject,
            OLD.subject_id, OLD.created_at) THEN
        RETURN NEW;
    END IF;
    RAISE EXCEPTION 'audit_event is append-only';
END;
$$;
DROP TRIGGER audit_event_append_only ON audit_event;
CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_guard();
