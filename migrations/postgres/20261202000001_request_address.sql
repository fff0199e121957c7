-- Where the work is, when it is not at the gebruiker's own address (a school's other site, a
-- relative's garden): all three set or none. And a request the bemiddelaar turned down, with
-- the reason the gebruiker reads. Kept in step with the other backend.
ALTER TABLE request ADD COLUMN street TEXT;
ALTER TABLE request ADD COLUMN postcode TEXT;
ALTER TABLE request ADD COLUMN city TEXT;
ALTER TABLE request ADD COLUMN rejected_reason TEXT;
