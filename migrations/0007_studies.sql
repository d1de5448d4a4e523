-- 0007_studies: a study is a dataset plus a protocol, and people take part in studies,
-- not datasets. Each dataset's settings become its first study (named like the
-- dataset), each annotator bound to a dataset takes part in that study, and every
-- judgement and lease is attached to it. From here on the protocol is read from the
-- study; the dataset's own setting columns are only what its first study started with,
-- and annotator.dataset_id is no longer read (SQLite cannot drop a column that is a
-- foreign key).
CREATE TABLE study (
    id                  INTEGER PRIMARY KEY,
    dataset_id          INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    name                TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    title               TEXT NOT NULL,
    judgements_per_item INTEGER NOT NULL DEFAULT 3 CHECK (judgements_per_item >= 1),
    max_guesses         INTEGER NOT NULL DEFAULT 1 CHECK (max_guesses BETWEEN 1 AND 10),
    exposure_ms         INTEGER CHECK (exposure_ms IS NULL OR exposure_ms > 0),
    practice_count      INTEGER CHECK (practice_count IS NULL OR practice_count >= 0),
    created_at          TEXT NOT NULL,
    -- Set by the first test judgement: the protocol can no longer change (a new protocol is a new study).
    frozen_at           TEXT,
    -- A closed study leases nothing more; its judgements stay.
    closed_at           TEXT
);
CREATE INDEX study_by_dataset ON study(dataset_id);

-- One person's part in one study. A person's current study is their latest participation.
CREATE TABLE participant (
    id           INTEGER PRIMARY KEY,
    study_id     INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    annotator_id INTEGER NOT NULL REFERENCES annotator(id) ON DELETE CASCADE,
    enrolled_at  TEXT NOT NULL,
    UNIQUE (study_id, annotator_id)
);
CREATE INDEX participant_by_annotator ON participant(annotator_id, id);

INSERT INTO study (dataset_id, name, title, judgements_per_item, max_guesses, exposure_ms, practice_count, created_at, frozen_at)
SELECT dataset.id, dataset.name, dataset.title, dataset.judgements_per_item, dataset.max_guesses, dataset.exposure_ms,
       dataset.practice_count, dataset.created_at,
       (SELECT min(judgement.submitted_at) FROM judgement JOIN item ON item.id = judgement.item_id
        WHERE item.dataset_id = dataset.id AND judgement.phase = 'test')
FROM dataset ORDER BY dataset.id;

INSERT INTO participant (study_id, annotator_id, enrolled_at)
SELECT study.id, annotator.id, annotator.created_at
FROM annotator JOIN study ON study.dataset_id = annotator.dataset_id
ORDER BY annotator.id;

ALTER TABLE judgement ADD COLUMN study_id INTEGER REFERENCES study(id);
UPDATE judgement SET study_id = (SELECT study.id FROM study JOIN item ON item.dataset_id = study.dataset_id
                                 WHERE item.id = judgement.item_id);
-- Once per person and item within a study; another study may ask the same person again.
DROP INDEX judgement_once_per_annotator;
CREATE UNIQUE INDEX judgement_once_per_participant
    ON judgement(study_id, annotator_id, item_id) WHERE superseded_at IS NULL;
CREATE INDEX judgement_by_study_item ON judgement(study_id, item_id);

ALTER TABLE assignment ADD COLUMN study_id INTEGER REFERENCES study(id);
UPDATE assignment SET study_id = (SELECT study.id FROM study JOIN item ON item.dataset_id = study.dataset_id
                                  WHERE item.id = assignment.item_id);
