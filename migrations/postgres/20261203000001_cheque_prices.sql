-- The cheque price from a chosen day on (the decree's rule is from 1 January, which the screen
-- proposes). A purchase takes the price of its payment day; a batch keeps the price it was
-- bought at, so old prices stay with old purchases. `organisation.cheque_price_cents` stays the
-- price before the first change. A change not yet in force may be replaced (same day) or taken
-- back by a new row; the audit trail keeps every change. Kept in step with the other backend.
CREATE TABLE cheque_price (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    valid_from DATE NOT NULL,
    price_cents BIGINT NOT NULL CHECK (price_cents IN (595, 645, 695, 745)),
    created_by BIGINT REFERENCES account (id),
    created_at TIMESTAMPTZ NOT NULL,
    UNIQUE (organisation_id, valid_from)
);
