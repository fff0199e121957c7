-- The organisation's activity list and where it is allowed: every municipality chooses its
-- activities, and some suit only some kinds of gebruiker. Stored as exceptions (an activity is
-- allowed unless a row here says otherwise), so a new municipality or activity starts allowed
-- and the bemiddelaar takes away what is not. Municipalities get the date they joined.
-- Kept in step with ../sqlite.
ALTER TABLE municipality ADD COLUMN joined_on DATE;

CREATE TABLE activity_not_in_municipality (
    activity_id BIGINT NOT NULL REFERENCES activity (id),
    municipality_id BIGINT NOT NULL REFERENCES municipality (id),
    PRIMARY KEY (activity_id, municipality_id)
);

CREATE TABLE activity_not_for_kind (
    activity_id BIGINT NOT NULL REFERENCES activity (id),
    kind TEXT NOT NULL CHECK (kind IN ('private_person', 'local_authority', 'non_profit', 'school', 'agriculture')),
    PRIMARY KEY (activity_id, kind)
);
