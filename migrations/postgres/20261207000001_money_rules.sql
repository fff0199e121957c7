-- The money rules of shared/DOMAIN.md. Kept in step with ../sqlite.
--
-- Rates with history: the allowance (per cheque earned or per minute), the km rate and the km
-- threshold (travel pays only when the round trip is longer) hold from a day on; a prestatie is
-- paid with the rates in force on its work day, so a month exported again later gives the same
-- euros. A change not yet in force may be replaced (same day); the audit trail keeps each one.
CREATE TABLE allowance_rates (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    valid_from DATE NOT NULL,
    allowance_cents BIGINT NOT NULL CHECK (allowance_cents BETWEEN 0 AND 2000),
    basis TEXT NOT NULL CHECK (basis IN ('per_cheque', 'per_minute')),
    km_rate_cents BIGINT NOT NULL CHECK (km_rate_cents BETWEEN 0 AND 100),
    km_threshold BIGINT NOT NULL CHECK (km_threshold BETWEEN 0 AND 500),
    created_by BIGINT REFERENCES account (id),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation_id, valid_from)
);
-- What each organisation had, from the first day of wijk-werken on, with the decree's basis
-- (per cheque earned) and the 10 km threshold (DOMAIN.md, "Worker allowance").
INSERT INTO allowance_rates (organisation_id, valid_from, allowance_cents, basis, km_rate_cents,
    km_threshold, created_by, created_at)
SELECT id, DATE '2018-01-01', allowance_cents_per_hour, 'per_cheque', km_rate_cents, 10, NULL, created_at
FROM organisation;
ALTER TABLE organisation DROP COLUMN allowance_cents_per_hour;
ALTER TABLE organisation DROP COLUMN km_rate_cents;
-- One cheque per started hour is the decree's rule, not a setting.
ALTER TABLE organisation DROP COLUMN cheque_rounding;

-- The cheque price of a municipality (the gebruiker's decides), from a 1 January on; NULL: the
-- organisation's price (`cheque_price`) again from that day. Without a row, the organisation's.
CREATE TABLE municipality_cheque_price (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    municipality_id BIGINT NOT NULL REFERENCES municipality (id),
    valid_from DATE NOT NULL CHECK (EXTRACT(MONTH FROM valid_from) = 1 AND EXTRACT(DAY FROM valid_from) = 1),
    price_cents BIGINT CHECK (price_cents IN (595, 645, 695, 745)),
    created_by BIGINT REFERENCES account (id),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (municipality_id, valid_from)
);

-- A bemiddelaar's correction goes back to the gebruiker, unless the gebruiker agreed already:
-- how (phone, paper, at the office) is kept with the prestatie and in the audit trail.
ALTER TABLE time_entry ADD COLUMN agreed_via TEXT CHECK (agreed_via IN ('phone', 'paper', 'office'));
