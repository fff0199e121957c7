-- Rapport per gemeente (and the allowance export) read an organisation's prestaties and cheques
-- of a period. These indexes hold every column those reads need, so a period of 1.5 million
-- prestaties is one index range scan, without visiting the table (make bench). The allowance
-- export's index of 20261203000002 is replaced by the wider one. Kept in step with the other
-- backend.
DROP INDEX time_entry_organisation_day;
CREATE INDEX time_entry_organisation_period
    ON time_entry (organisation_id, work_date, status, assignment_id, worker_id, minutes, km);
CREATE INDEX cheque_ledger_organisation_day
    ON cheque_ledger (organisation_id, created_at, reason, client_id, change);
