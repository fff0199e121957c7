-- Wijk-werkcheques come in dated batches: a purchase of N cheques at the organisation's price,
-- valid for 12 months. A payment takes its cheques first-in-first-out from the oldest batch
-- still valid (`cheque_use` says from which); what is left of a batch at its end expires (a
-- ledger row of its own, so the balance stays the sum of the ledger). A purchase recorded by
-- mistake is undone by a reversing row, never by a change. Kept in step with the other backend.
CREATE TABLE cheque_batch (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    client_id BIGINT NOT NULL REFERENCES client (id),
    -- The Brussels day the gebruiker paid; usable up to and including `valid_until`.
    bought_on DATE NOT NULL,
    cheques BIGINT NOT NULL CHECK (cheques > 0),
    price_cents BIGINT NOT NULL CHECK (price_cents >= 0),
    valid_until DATE NOT NULL,
    created_by BIGINT REFERENCES account (id),
    created_at TIMESTAMPTZ NOT NULL,
    CHECK (valid_until > bought_on)
);
CREATE INDEX cheque_batch_client ON cheque_batch (client_id, bought_on);

-- What was bought before batches existed becomes one batch per gebruiker, dated at the first
-- purchase (the earliest, so the strictest, expiry), holding all of it.
INSERT INTO cheque_batch (organisation_id, client_id, bought_on, cheques, price_cents,
    valid_until, created_by, created_at)
SELECT l.organisation_id, l.client_id, (MIN(l.created_at) AT TIME ZONE 'UTC')::date, SUM(l.change),
    o.cheque_price_cents, ((MIN(l.created_at) AT TIME ZONE 'UTC')::date + INTERVAL '12 months')::date,
    NULL, MIN(l.created_at)
FROM cheque_ledger l JOIN organisation o ON o.id = l.organisation_id
WHERE l.reason = 'purchase'
GROUP BY l.organisation_id, l.client_id, o.cheque_price_cents;

ALTER TABLE cheque_ledger DISABLE TRIGGER cheque_ledger_append_only;
ALTER TABLE cheque_ledger ADD COLUMN batch_id BIGINT REFERENCES cheque_batch (id);
UPDATE cheque_ledger l SET batch_id = (SELECT b.id FROM cheque_batch b WHERE b.client_id = l.client_id)
WHERE l.reason = 'purchase';
ALTER TABLE cheque_ledger ENABLE TRIGGER cheque_ledger_append_only;
ALTER TABLE cheque_ledger DROP CONSTRAINT cheque_ledger_reason_check;
ALTER TABLE cheque_ledger ADD CONSTRAINT cheque_ledger_reason_check
    CHECK (reason IN ('purchase', 'prestatie', 'expired', 'reversal'));
ALTER TABLE cheque_ledger ADD CHECK ((reason = 'prestatie') = (batch_id IS NULL));
ALTER TABLE cheque_ledger ADD CHECK ((reason = 'purchase') = (change > 0));
-- A prestatie is paid once; a batch expires once and is reversed at most once.
CREATE UNIQUE INDEX cheque_ledger_one_expiry ON cheque_ledger (batch_id) WHERE reason = 'expired';
CREATE UNIQUE INDEX cheque_ledger_one_reversal ON cheque_ledger (batch_id) WHERE reason = 'reversal';

-- Which batches paid a prestatie, and how many cheques each.
CREATE TABLE cheque_use (
    ledger_id BIGINT NOT NULL REFERENCES cheque_ledger (id),
    batch_id BIGINT NOT NULL REFERENCES cheque_batch (id),
    cheques BIGINT NOT NULL CHECK (cheques > 0),
    PRIMARY KEY (ledger_id, batch_id)
);
CREATE INDEX cheque_use_batch ON cheque_use (batch_id);
INSERT INTO cheque_use (ledger_id, batch_id, cheques)
SELECT l.id, b.id, -l.change
FROM cheque_ledger l JOIN cheque_batch b ON b.client_id = l.client_id
WHERE l.reason = 'prestatie';

CREATE TRIGGER cheque_batch_append_only BEFORE UPDATE OR DELETE ON cheque_batch
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
CREATE TRIGGER cheque_use_append_only BEFORE UPDATE OR DELETE ON cheque_use
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
