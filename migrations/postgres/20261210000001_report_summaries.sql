-- Rapport per gemeente from summaries (make bench: the three-year report read 1.5 million
-- prestaties and 1.4 million ledger rows). Per month, what the report sums:
--   report_worker_month: a wijk-werker's counted minutes per activity;
--   report_client_month: a gebruiker's counted minutes, and the cheques that paid prestaties
--   (less those given back), on the Brussels day of the ledger row.
-- Triggers keep them in the same transaction as the prestatie or the ledger row that changes
-- them, so no write path can forget them; `server check` recomputes both and compares. The
-- counted statuses are `EntryStatus::COUNTED_SQL`. Kept in step with ../sqlite.
CREATE TABLE report_worker_month (
    organisation_id BIGINT NOT NULL,
    worker_id BIGINT NOT NULL,
    activity_id BIGINT NOT NULL,
    -- The first day of the month.
    month DATE NOT NULL,
    minutes BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, worker_id, activity_id, month)
);

CREATE TABLE report_client_month (
    organisation_id BIGINT NOT NULL,
    client_id BIGINT NOT NULL,
    month DATE NOT NULL,
    minutes BIGINT NOT NULL,
    cheques_used BIGINT NOT NULL,
    PRIMARY KEY (organisation_id, client_id, month)
);

INSERT INTO report_worker_month (organisation_id, worker_id, activity_id, month, minutes)
SELECT e.organisation_id, e.worker_id, a.activity_id, date_trunc('month', e.work_date)::date,
       SUM(e.minutes)
FROM time_entry e JOIN assignment a ON a.id = e.assignment_id
WHERE e.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND e.minutes IS NOT NULL
GROUP BY 1, 2, 3, 4;

INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
SELECT e.organisation_id, a.client_id, date_trunc('month', e.work_date)::date, SUM(e.minutes), 0
FROM time_entry e JOIN assignment a ON a.id = e.assignment_id
WHERE e.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND e.minutes IS NOT NULL
GROUP BY 1, 2, 3;

INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
SELECT l.organisation_id, l.client_id,
       date_trunc('month', l.created_at AT TIME ZONE 'Europe/Brussels')::date, 0, SUM(-l.change)
FROM cheque_ledger l WHERE l.reason IN ('prestatie', 'refund')
GROUP BY 1, 2, 3
ON CONFLICT (organisation_id, client_id, month)
DO UPDATE SET cheques_used = report_client_month.cheques_used + EXCLUDED.cheques_used;

-- Adds `sign` times the prestatie's minutes to the months it counts in.
CREATE FUNCTION report_add_entry(e time_entry, sign BIGINT) RETURNS void LANGUAGE plpgsql AS $$
DECLARE
    a assignment%ROWTYPE;
BEGIN
    IF e.status NOT IN ('submitted', 'confirmed', 'disputed', 'corrected') OR e.minutes IS NULL THEN
        RETURN;
    END IF;
    SELECT * INTO a FROM assignment WHERE id = e.assignment_id;
    INSERT INTO report_worker_month (organisation_id, worker_id, activity_id, month, minutes)
    VALUES (e.organisation_id, e.worker_id, a.activity_id, date_trunc('month', e.work_date)::date,
            sign * e.minutes)
    ON CONFLICT (organisation_id, worker_id, activity_id, month)
    DO UPDATE SET minutes = report_worker_month.minutes + EXCLUDED.minutes;
    INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
    VALUES (e.organisation_id, a.client_id, date_trunc('month', e.work_date)::date,
            sign * e.minutes, 0)
    ON CONFLICT (organisation_id, client_id, month)
    DO UPDATE SET minutes = report_client_month.minutes + EXCLUDED.minutes;
END $$;

-- A prestatie that starts or stops counting, or moves, adds to the month it is in and takes
-- from the month it was in. Confirming or disputing it changes no figure and no summary row
-- (no lock on a gebruiker's month for a confirmation).
CREATE FUNCTION time_entry_report() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    counted_before BOOLEAN := false;
    counted_after BOOLEAN := false;
BEGIN
    IF TG_OP <> 'INSERT' THEN
        counted_before := OLD.status IN ('submitted', 'confirmed', 'disputed', 'corrected')
            AND OLD.minutes IS NOT NULL;
    END IF;
    IF TG_OP <> 'DELETE' THEN
        counted_after := NEW.status IN ('submitted', 'confirmed', 'disputed', 'corrected')
            AND NEW.minutes IS NOT NULL;
    END IF;
    IF TG_OP = 'UPDATE' THEN
        IF counted_before AND counted_after AND OLD.minutes = NEW.minutes
            AND OLD.work_date = NEW.work_date AND OLD.worker_id = NEW.worker_id
            AND OLD.assignment_id = NEW.assignment_id THEN
            RETURN NULL;
        END IF;
    END IF;
    IF counted_before THEN
        PERFORM report_add_entry(OLD, -1);
    END IF;
    IF counted_after THEN
        PERFORM report_add_entry(NEW, 1);
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER time_entry_report
AFTER INSERT OR DELETE OR UPDATE OF status, minutes, work_date, worker_id, assignment_id
ON time_entry FOR EACH ROW EXECUTE FUNCTION time_entry_report();

CREATE FUNCTION cheque_ledger_report() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.reason IN ('prestatie', 'refund') THEN
        INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
        VALUES (NEW.organisation_id, NEW.client_id,
                date_trunc('month', NEW.created_at AT TIME ZONE 'Europe/Brussels')::date, 0,
                -NEW.change)
        ON CONFLICT (organisation_id, client_id, month)
        DO UPDATE SET cheques_used = report_client_month.cheques_used + EXCLUDED.cheques_used;
    END IF;
    RETURN NULL;
END $$;

CREATE TRIGGER cheque_ledger_report AFTER INSERT ON cheque_ledger
FOR EACH ROW EXECUTE FUNCTION cheque_ledger_report();
