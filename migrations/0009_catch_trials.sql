-- 0009_catch_trials: attention checks. A study may interleave catch trials among its test
-- trials at a rate: images whose truth is known (the dataset's example images, and practice
-- images beyond the practice a participant does), shown like test items, stored with phase
-- 'catch', scored per participant and never counted as test data. The judgement table is
-- rebuilt because SQLite cannot change a CHECK constraint in place; its rows, ids and
-- indexes carry over unchanged.
ALTER TABLE study ADD COLUMN catch_rate REAL NOT NULL DEFAULT 0 CHECK (catch_rate >= 0 AND catch_rate < 1);

DROP VIEW live_judgement;
CREATE TABLE judgement_with_catch (
    id                   INTEGER PRIMARY KEY,
    uuid                 TEXT NOT NULL UNIQUE,
    annotator_id         INTEGER NOT NULL REFERENCES annotator(id),
    item_id              INTEGER NOT NULL REFERENCES item(id),
    guesses              TEXT NOT NULL CHECK (json_valid(guesses) AND json_type(guesses) = 'array'),
    abstained            INTEGER NOT NULL DEFAULT 0 CHECK (abstained IN (0, 1)),
    response_ms          INTEGER CHECK (response_ms IS NULL OR response_ms >= 0),
    shown_at             TEXT,
    submitted_at         TEXT NOT NULL,
    phase                TEXT NOT NULL CHECK (phase IN ('practice', 'test', 'catch')),
    superseded_at        TEXT,
    hidden_count         INTEGER CHECK (hidden_count IS NULL OR hidden_count >= 0),
    hidden_ms            INTEGER CHECK (hidden_ms IS NULL OR hidden_ms >= 0),
    blur_count           INTEGER CHECK (blur_count IS NULL OR blur_count >= 0),
    blur_ms              INTEGER CHECK (blur_ms IS NULL OR blur_ms >= 0),
    fullscreen_exits     INTEGER CHECK (fullscreen_exits IS NULL OR fullscreen_exits >= 0),
    viewport_width       INTEGER CHECK (viewport_width IS NULL OR viewport_width > 0),
    viewport_height      INTEGER CHECK (viewport_height IS NULL OR viewport_height > 0),
    device_pixel_ratio   REAL CHECK (device_pixel_ratio IS NULL OR device_pixel_ratio > 0),
    image_width          INTEGER CHECK (image_width IS NULL OR image_width >= 0),
    image_height         INTEGER CHECK (image_height IS NULL OR image_height >= 0),
    measured_exposure_ms REAL CHECK (measured_exposure_ms IS NULL OR measured_exposure_ms >= 0),
    study_id             INTEGER REFERENCES study(id),
    CHECK (abstained = 1 OR json_array_length(guesses) >= 1)
);
INSERT INTO judgement_with_catch
    (id, uuid, annotator_id, item_id, guesses, abstained, response_ms, shown_at, submitted_at, phase, superseded_at,
     hidden_count, hidden_ms, blur_count, blur_ms, fullscreen_exits, viewport_width, viewport_height, device_pixel_ratio,
     image_width, image_height, measured_exposure_ms, study_id)
SELECT id, uuid, annotator_id, item_id, guesses, abstained, response_ms, shown_at, submitted_at, phase, superseded_at,
       hidden_count, hidden_ms, blur_count, blur_ms, fullscreen_exits, viewport_width, viewport_height, device_pixel_ratio,
       image_width, image_height, measured_exposure_ms, study_id
FROM judgement;
DROP TABLE judgement;
ALTER TABLE judgement_with_catch RENAME TO judgement;
CREATE INDEX judgement_by_item ON judgement(item_id);
CREATE UNIQUE INDEX judgement_once_per_participant
    ON judgement(study_id, annotator_id, item_id) WHERE superseded_at IS NULL;
CREATE INDEX judgement_by_study_item ON judgement(study_id, item_id);
CREATE VIEW live_judgement AS
    SELECT * FROM judgement WHERE superseded_at IS NULL;

-- The phase a lease was given for: a practice image may be leased for practice, or later as
-- a catch trial. NULL (leases from before) reads as the item's split.
ALTER TABLE assignment ADD COLUMN phase TEXT CHECK (phase IS NULL OR phase IN ('practice', 'test', 'catch'));
