-- Wijk-werkcheques come in dated batches: a purchase of N cheques at the organisation's price,
-- valid for 12 months. A payment takes its cheques first-in-first-out from the oldest batch
-- still valid (`cheque_use` says from which); what is left of a batch at its end expires (a
-- ledger row of its own, so the balance stays the sum of the ledger). A purchase recorded by
-- mistake is undone by a reversing row, never by a change. Kept in step with the other backend.
CREATE TABLE cheque_batch (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    client_id INTEGER NOT NULL REFERENCES client (id),
    -- The Brussels day the gebruiker paid; usable up to and including `valid_until`.
    bought_on TEXT NOT NULL,
    cheques INTEGER NOT NULL CHECK (cheques > 0),
    price_cents INTEGER NOT NULL CHECK (price_cents >= 0),
    valid_until TEXT NOT NULL,
    created_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL,
    CHECK (valid_until > bought_on)
);
CREATE INDEX cheque_batch_client ON cheque_batch (client_id, bought_on);

-- What was bought before batches existed becomes one batch per gebruiker, dated at the first
-- purchase (the earliest, so the strictest, expiry), holding all of it.
INSERT INTO cheque_batch (organisation_id, client_id, bought_on, cheques, price_cents,
    valid_until, created_by, created_at)
SELECT l.organisation_id, l.client_id, date(MIN(l.created_at)), SUM(l.change),
    o.cheque_price_cents, date(MIN(l.created_at), '+12 months'), NULL, MIN(l.created_at)
FROM cheque_ledger l JOIN organisation o ON o.id = l.organisation_id
WHERE l.reason = 'purchase'
GROUP BY l.organisation_id, l.client_id, o.cheque_price_cents;

CREATE TABLE cheque_ledger_new (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    client_id INTEGER NOT NULL REFERENCES client (id),
    change INTEGER NOT NULL CHECK (change <> 0),
    reason TEXT NOT NULL CHECK (reason IN ('purchase', 'prestatie', 'expired', 'reversal')),
    time_entry_id INTEGER REFERENCES time_entry (id),
    -- The batch a purchase made, expired or reversed; a payment names its batches in cheque_use.
    batch_id INTEGER REFERENCES cheque_batch (id),
    created_by INTEGER REFERENCES account (id),
    created_at TEXT NOT NULL,
    CHECK ((reason = 'prestatie') = (time_entry_id IS NOT NULL)),
    CHECK ((reason = 'prestatie') = (batch_id IS NULL)),
    CHECK ((reason = 'purchase') = (change > 0))
);
INSERT INTO cheque_ledger_new (id, organisation_id, client_id, change, reason, time_entry_id,
    batch_id, created_by, created_at)
SELECT l.id, l.organisation_id, l.client_id, l.change, l.reason, l.time_entry_id,
    CASE WHEN l.reason = 'purchase'
        THEN (SELECT b.id FROM cheque_batch b WHERE b.client_id = l.client_id) END,
    l.created_by, l.created_at
FROM cheque_ledger l;
DROP TABLE cheque_ledger;
ALTER TABLE cheque_ledger_new RENAME TO cheque_ledger;
CREATE INDEX cheque_ledger_client ON cheque_ledger (client_id);
-- A prestatie is paid once; a batch expires once and is reversed at most once.
CREATE UNIQUE INDEX cheque_ledger_one_payment ON cheque_ledger (time_entry_id) WHERE reason = 'prestatie';
CREATE UNIQUE INDEX cheque_ledger_one_expiry ON cheque_ledger (batch_id) WHERE reason = 'expired';
CREATE UNIQUE INDEX cheque_ledger_one_reversal ON cheque_ledger (batch_id) WHERE reason = 'reversal';
CREATE TRIGGER cheque_ledger_no_update BEFORE UPDATE ON cheque_ledger
BEGIN SELECT RAISE(ABORT, 'cheque_ledger is append-only'); END;
CREATE TRIGGER cheque_ledger_no_delete BEFORE DELETE ON cheque_ledger
BEGIN SELECT RAISE(ABORT, 'cheque_ledger is append-only'); END;

-- Which batches paid a prestatie, and how many cheques each.
CREATE TABLE cheque_use (
    ledger_id INTEGER NOT NULL REFERENCES cheque_ledger (id),
    batch_id INTEGER NOT NULL REFERENCES cheque_batch (id),
    cheques INTEGER NOT NULL CHECK (cheques > 0),
    PRIMARY KEY (ledger_id, batch_id)
);
CREATE INDEX cheque_use_batch ON cheque_use (batch_id);
INSERT INTO cheque_use (ledger_id, batch_id, cheques)
SELECT l.id, b.id, -l.change
FROM cheque_ledger l JOIN cheque_batch b ON b.client_id = l.client_id
WHERE l.reason = 'prestatie';

CREATE TRIGGER cheque_batch_no_update BEFORE UPDATE ON cheque_batch
BEGIN SELECT RAISE(ABORT, 'cheque_batch is append-only'); END;
CREATE TRIGGER cheque_batch_no_delete BEFORE DELETE ON cheque_batch
BEGIN SELECT RAISE(ABORT, 'cheque_batch is append-only'); END;
CREATE TRIGGER cheque_use_no_update BEFORE UPDATE ON cheque_use
BEGIN SELECT RAISE(ABORT, 'cheque_use is append-only'); END;
CREATE TRIGGER cheque_use_no_delete BEFORE DELETE ON cheque_use
BEGIN SELECT RAISE(ABORT, 'cheque_use is append-only'); END;
