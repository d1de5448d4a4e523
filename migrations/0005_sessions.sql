-- 0005_sessions: a browser's sign-in is a session of its own, and lease renewals end.
-- The cookie used to carry the invite token itself, which never expired and could not be
-- signed out; now it carries a random session id, of which only the SHA-256 is kept.
CREATE TABLE session (
    id_hash      TEXT PRIMARY KEY CHECK (length(id_hash) = 64),
    annotator_id INTEGER NOT NULL REFERENCES annotator(id) ON DELETE CASCADE,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
) WITHOUT ROWID;
CREATE INDEX session_by_annotator ON session(annotator_id);

-- A lease renewed up to its limit is final: once it lapses the item is not leased to the
-- same annotator again, so no account can hold an item for ever by asking repeatedly.
ALTER TABLE assignment ADD COLUMN final INTEGER NOT NULL DEFAULT 0 CHECK (final IN (0, 1));
