-- Who looked at whose file: every view of a worker's or a gebruiker's page, or of an export
-- or a list with their name, by someone else (GDPR: the person may ask who saw their data).
-- Append-only, like the audit trail. Kept in step with ../sqlite.
CREATE TABLE file_view (
    id BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    organisation_id BIGINT NOT NULL REFERENCES organisation (id),
    viewer_account_id BIGINT NOT NULL REFERENCES account (id),
    worker_id BIGINT REFERENCES worker (id),
    client_id BIGINT REFERENCES client (id),
    what TEXT NOT NULL,
    viewed_at TIMESTAMPTZ NOT NULL,
    CHECK ((worker_id IS NULL) <> (client_id IS NULL))
);
CREATE INDEX file_view_worker ON file_view (worker_id, viewed_at);
CREATE INDEX file_view_client ON file_view (client_id, viewed_at);
CREATE TRIGGER file_view_append_only BEFORE UPDATE OR DELETE ON file_view
    FOR EACH ROW EXECUTE FUNCTION refuse_change();
