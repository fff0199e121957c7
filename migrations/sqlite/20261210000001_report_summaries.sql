-- Rapport per gemeente from summaries (make bench: the three-year report read 1.5 million
-- prestaties and 1.4 million ledger rows). Per month, what the report sums:
--   report_worker_month: a wijk-werker's counted minutes per activity;
--   report_client_month: a gebruiker's counted minutes, and the cheques that paid prestaties
--   (less those given back), on the Brussels day of the ledger row.
-- Triggers keep them in the same transaction as the prestatie or the ledger row that changes
-- them, so no write path can forget them; `server check` recomputes both and compares. The
-- counted statuses are `EntryStatus::COUNTED_SQL`. Kept in step with ../postgres.
CREATE TABLE report_worker_month (
    organisation_id INTEGER NOT NULL,
    worker_id INTEGER NOT NULL,
    activity_id INTEGER NOT NULL,
    -- The first day of the month.
    month TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, worker_id, activity_id, month)
) WITHOUT ROWID;

CREATE TABLE report_client_month (
    organisation_id INTEGER NOT NULL,
    client_id INTEGER NOT NULL,
    month TEXT NOT NULL,
    minutes INTEGER NOT NULL,
    cheques_used INTEGER NOT NULL,
    PRIMARY KEY (organisation_id, client_id, month)
) WITHOUT ROWID;

INSERT INTO report_worker_month (organisation_id, worker_id, activity_id, month, minutes)
SELECT e.organisation_id, e.worker_id, a.activity_id, substr(e.work_date, 1, 8) || '01',
       SUM(e.minutes)
FROM time_entry e JOIN assignment a ON a.id = e.assignment_id
WHERE e.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND e.minutes IS NOT NULL
GROUP BY e.organisation_id, e.worker_id, a.activity_id, substr(e.work_date, 1, 8) || '01';

INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
SELECT e.organisation_id, a.client_id, substr(e.work_date, 1, 8) || '01', SUM(e.minutes), 0
FROM time_entry e JOIN assignment a ON a.id = e.assignment_id
WHERE e.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND e.minutes IS NOT NULL
GROUP BY e.organisation_id, a.client_id, substr(e.work_date, 1, 8) || '01';

-- The Brussels month of a ledger row's instant. SQLite has no time zones; the month only turns
-- within two hours of midnight UTC, where Brussels is on summer time (UTC+2) at the end of
-- March to September and on winter time (UTC+1) at the end of October to February (EU
-- directive 2000/84: the change is on the last Sunday of March and of October, at 01:00 UTC).
-- `server check` recomputes these months with the app's own Brussels clock.
INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
SELECT l.organisation_id, l.client_id,
       substr(datetime(l.created_at, CASE WHEN CAST(substr(l.created_at, 6, 2) AS INTEGER)
           BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END), 1, 8) || '01',
       0, SUM(-l.change)
FROM cheque_ledger l WHERE l.reason IN ('prestatie', 'refund')
GROUP BY 1, 2, 3
ON CONFLICT (organisation_id, client_id, month)
DO UPDATE SET cheques_used = cheques_used + excluded.cheques_used;

-- A prestatie that starts or stops counting, or moves, adds to the month it is in and takes
-- from the month it was in. Confirming or disputing it changes no figure and no summary row.
CREATE TRIGGER time_entry_report_insert AFTER INSERT ON time_entry
WHEN NEW.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND NEW.minutes IS NOT NULL
BEGIN
    INSERT INTO report_worker_month (organisation_id, worker_id, activity_id, month, minutes)
    SELECT NEW.organisation_id, NEW.worker_id, a.activity_id,
           substr(NEW.work_date, 1, 8) || '01', NEW.minutes
    FROM assignment a WHERE a.id = NEW.assignment_id
    ON CONFLICT (organisation_id, worker_id, activity_id, month)
    DO UPDATE SET minutes = minutes + excluded.minutes;
    INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
    SELECT NEW.organisation_id, a.client_id, substr(NEW.work_date, 1, 8) || '01', NEW.minutes, 0
    FROM assignment a WHERE a.id = NEW.assignment_id
    ON CONFLICT (organisation_id, client_id, month)
    DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER time_entry_report_update
AFTER UPDATE OF status, minutes, work_date, worker_id, assignment_id ON time_entry
WHEN ((OLD.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND OLD.minutes IS NOT NULL)
    IS NOT (NEW.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND NEW.minutes IS NOT NULL))
  OR (NEW.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND NEW.minutes IS NOT NULL
    AND (OLD.minutes IS NOT NEW.minutes OR OLD.work_date <> NEW.work_date
      OR OLD.worker_id <> NEW.worker_id OR OLD.assignment_id <> NEW.assignment_id))
BEGIN
    INSERT INTO report_worker_month (organisation_id, worker_id, activity_id, month, minutes)
    SELECT OLD.organisation_id, OLD.worker_id, a.activity_id,
           substr(OLD.work_date, 1, 8) || '01', -OLD.minutes
    FROM assignment a WHERE a.id = OLD.assignment_id
      AND OLD.status IN ('submitted', 'confirmed', 'disputed', 'corrected')
      AND OLD.minutes IS NOT NULL
    ON CONFLICT (organisation_id, worker_id, activity_id, month)
    DO UPDATE SET minutes = minutes + excluded.minutes;
    INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
    SELECT OLD.organisation_id, a.client_id, substr(OLD.work_date, 1, 8) || '01', -OLD.minutes, 0
    FROM assignment a WHERE a.id = OLD.assignment_id
      AND OLD.status IN ('submitted', 'confirmed', 'disputed', 'corrected')
      AND OLD.minutes IS NOT NULL
    ON CONFLICT (organisation_id, client_id, month)
    DO UPDATE SET minutes = minutes + excluded.minutes;
    INSERT INTO report_worker_month (organisation_id, worker_id, activity_id, month, minutes)
    SELECT NEW.organisation_id, NEW.worker_id, a.activity_id,
           substr(NEW.work_date, 1, 8) || '01', NEW.minutes
    FROM assignment a WHERE a.id = NEW.assignment_id
      AND NEW.status IN ('submitted', 'confirmed', 'disputed', 'corrected')
      AND NEW.minutes IS NOT NULL
    ON CONFLICT (organisation_id, worker_id, activity_id, month)
    DO UPDATE SET minutes = minutes + excluded.minutes;
    INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
    SELECT NEW.organisation_id, a.client_id, substr(NEW.work_date, 1, 8) || '01', NEW.minutes, 0
    FROM assignment a WHERE a.id = NEW.assignment_id
      AND NEW.status IN ('submitted', 'confirmed', 'disputed', 'corrected')
      AND NEW.minutes IS NOT NULL
    ON CONFLICT (organisation_id, client_id, month)
    DO UPDATE SET minutes = minutes + excluded.minutes;
END;

CREATE TRIGGER time_entry_report_delete AFTER DELETE ON time_entry
WHEN OLD.status IN ('submitted', 'confirmed', 'disputed', 'corrected') AND OLD.minutes IS NOT NULL
BEGIN
    UPDATE report_worker_month SET minutes = minutes - OLD.minutes
    WHERE organisation_id = OLD.organisation_id AND worker_id = OLD.worker_id
      AND activity_id = (SELECT activity_id FROM assignment WHERE id = OLD.assignment_id)
      AND month = substr(OLD.work_date, 1, 8) || '01';
    UPDATE report_client_month SET minutes = minutes - OLD.minutes
    WHERE organisation_id = OLD.organisation_id
      AND client_id = (SELECT client_id FROM assignment WHERE id = OLD.assignment_id)
      AND month = substr(OLD.work_date, 1, 8) || '01';
END;

CREATE TRIGGER cheque_ledger_report AFTER INSERT ON cheque_ledger
WHEN NEW.reason IN ('prestatie', 'refund')
BEGIN
    INSERT INTO report_client_month (organisation_id, client_id, month, minutes, cheques_used)
    VALUES (NEW.organisation_id, NEW.client_id,
            substr(datetime(NEW.created_at, CASE WHEN CAST(substr(NEW.created_at, 6, 2) AS INTEGER)
                BETWEEN 3 AND 9 THEN '+2 hours' ELSE '+1 hours' END), 1, 8) || '01',
            0, -NEW.change)
    ON CONFLICT (organisation_id, client_id, month)
    DO UPDATE SET cheques_used = cheques_used + excluded.cheques_used;
END;
