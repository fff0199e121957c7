-- Te bekijken settles prestaties: a bemiddelaar corrects one (start, end, pause, km) or rejects
-- it. Each correction is a new revision of the prestatie; when it was paid, the ledger gets a
-- refund of that payment (its cheques back to the batches they came from) and a new payment
-- for the corrected hours: rows are added, never changed. Kept in step with ../sqlite.
ALTER TABLE time_entry DROP CONSTRAINT time_entry_status_check;
ALTER TABLE time_entry ADD CONSTRAINT time_entry_status_check
    CHECK (status IN ('running', 'submitted', 'confirmed', 'disputed', 'review', 'corrected', 'rejected'));
-- Counts the bemiddelaar's corrections: each payment belongs to one revision.
ALTER TABLE time_entry ADD COLUMN revision BIGINT NOT NULL DEFAULT 0 CHECK (revision >= 0);

ALTER TABLE cheque_ledger DROP CONSTRAINT cheque_ledger_reason_check;
ALTER TABLE cheque_ledger ADD CONSTRAINT cheque_ledger_reason_check
    CHECK (reason IN ('purchase', 'prestatie', 'expired', 'reversal', 'refund'));
ALTER TABLE cheque_ledger DROP CONSTRAINT cheque_ledger_check;
ALTER TABLE cheque_ledger DROP CONSTRAINT cheque_ledger_check1;
ALTER TABLE cheque_ledger DROP CONSTRAINT cheque_ledger_check2;
ALTER TABLE cheque_ledger ADD CONSTRAINT cheque_ledger_names_entry
    CHECK ((reason IN ('prestatie', 'refund')) = (time_entry_id IS NOT NULL));
ALTER TABLE cheque_ledger ADD CONSTRAINT cheque_ledger_names_batch
    CHECK ((reason IN ('prestatie', 'refund')) = (batch_id IS NULL));
ALTER TABLE cheque_ledger ADD CONSTRAINT cheque_ledger_adds
    CHECK ((reason IN ('purchase', 'refund')) = (change > 0));
-- The prestatie's revision a payment paid or a refund gave back.
ALTER TABLE cheque_ledger ADD COLUMN revision BIGINT NOT NULL DEFAULT 0;
-- A revision of a prestatie is paid once and refunded at most once.
DROP INDEX cheque_ledger_one_payment;
CREATE UNIQUE INDEX cheque_ledger_one_payment ON cheque_ledger (time_entry_id, revision) WHERE reason = 'prestatie';
CREATE UNIQUE INDEX cheque_ledger_one_refund ON cheque_ledger (time_entry_id, revision) WHERE reason = 'refund';

-- Negative for a refund: the cheques go back to the batch.
ALTER TABLE cheque_use DROP CONSTRAINT cheque_use_cheques_check;
ALTER TABLE cheque_use ADD CONSTRAINT cheque_use_cheques_check CHECK (cheques <> 0);
