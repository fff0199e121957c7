-- Gebruikers for the bemiddelaar: the date of the agreement, the yearly registration fee paid
-- (one row per year), and any number of logins per gebruiker (a school or a municipality has
-- several people). `client_login` is where a login's gebruiker is looked up from now on;
-- `client.account_id` is superseded by it (kept in step with SQLite, which cannot drop a UNIQUE column) and no
-- longer written. Kept in step with ../sqlite.
ALTER TABLE client ADD COLUMN agreement_date DATE;

CREATE TABLE client_fee (
    client_id BIGINT NOT NULL REFERENCES client (id),
    year BIGINT NOT NULL CHECK (year BETWEEN 2018 AND 2100),
    paid_on DATE NOT NULL,
    recorded_by BIGINT REFERENCES account (id),
    PRIMARY KEY (client_id, year)
);

CREATE TABLE client_login (
    account_id BIGINT PRIMARY KEY REFERENCES account (id),
    client_id BIGINT NOT NULL REFERENCES client (id)
);
CREATE INDEX client_login_client ON client_login (client_id);
INSERT INTO client_login (account_id, client_id)
    SELECT account_id, id FROM client WHERE account_id IS NOT NULL;
