-- Who looked at whose file: every view of a worker's or a gebruiker's page, or of an export
-- or a list with their name, by someone else (GDPR: the person may ask who saw their data).
-- Append-only, like the audit trail. Kept in step with ../postgres.
CREATE TABLE file_view (
    id INTEGER PRIMARY KEY,
    organisation_id INTEGER NOT NULL REFERENCES organisation (id),
    viewer_account_id INTEGER NOT NULL REFERENCES account (id),
    worker_id INTEGER REFERENCES worker (id),
    client_id INTEGER REFERENCES client (id),
    what TEXT NOT NULL,
    viewed_at TEXT NOT NULL,
    CHECK ((worker_id IS NULL) <> (client_id IS NULL))
);
CREATE INDEX file_view_worker ON file_view (worker_id, viewed_at);
CREATE INDEX file_view_client ON file_view (client_id, viewed_at);
CREATE TRIGGER file_view_no_update BEFORE UPDATE ON file_view
BEGIN SELECT RAISE(ABORT, 'file_view is append-only'); END;
CREATE TRIGGER file_view_no_delete BEFORE DELETE ON file_view
BEGIN SELECT RAISE(ABORT, 'file_view is append-only'); END;
