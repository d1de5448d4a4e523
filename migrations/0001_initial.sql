-- 0001_initial: the whole RefHuman data model.
-- Applied once inside a transaction by Storage's Migrator, recorded with its SHA-256.
-- Never edit this file after it has shipped: add 0002_….sql instead.

-- A labelling study over one image set, with the protocol settings annotators see.
CREATE TABLE dataset (
    id                  INTEGER PRIMARY KEY,
    name                TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    title               TEXT NOT NULL,
    description         TEXT NOT NULL DEFAULT '',
    license             TEXT NOT NULL DEFAULT '',
    source              TEXT NOT NULL DEFAULT '',
    judgements_per_item INTEGER NOT NULL DEFAULT 3 CHECK (judgements_per_item >= 1),
    max_guesses         INTEGER NOT NULL DEFAULT 1 CHECK (max_guesses BETWEEN 1 AND 10),
    -- NULL: the image stays on screen until the annotator answers.
    exposure_ms         INTEGER CHECK (exposure_ms IS NULL OR exposure_ms > 0),
    -- NULL: every practice item is shown before the test phase.
    practice_count      INTEGER CHECK (practice_count IS NULL OR practice_count >= 0),
    created_at          TEXT NOT NULL
);

-- Categories are addressed by their 0-based index, the label value in IDX/CIFAR files.
CREATE TABLE category (
    dataset_id     INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    idx            INTEGER NOT NULL CHECK (idx >= 0),
    name           TEXT NOT NULL CHECK (length(name) >= 1),
    description    TEXT NOT NULL DEFAULT '',
    synonyms       TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(synonyms)),
    category_group TEXT,
    PRIMARY KEY (dataset_id, idx),
    UNIQUE (dataset_id, name)
);

-- Content-addressed image store: identical files are kept once across datasets.
CREATE TABLE image (
    id      INTEGER PRIMARY KEY,
    sha256  TEXT NOT NULL UNIQUE CHECK (length(sha256) = 64),
    bytes   BLOB NOT NULL,
    width   INTEGER NOT NULL CHECK (width > 0),
    height  INTEGER NOT NULL CHECK (height > 0),
    format  TEXT NOT NULL CHECK (format IN ('png', 'jpeg', 'gif', 'bmp'))
);

-- One image as a member of a dataset, with its true category.
-- source: the 0-based record index (IDX, CIFAR) or the relative path (folder, CSV),
-- or what a bundle's sources file names; unique per dataset so predictions can match it.
CREATE TABLE item (
    id           INTEGER PRIMARY KEY,
    dataset_id   INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    image_id     INTEGER NOT NULL REFERENCES image(id),
    category_idx INTEGER NOT NULL,
    split        TEXT NOT NULL CHECK (split IN ('test', 'practice', 'example', 'train')),
    source       TEXT NOT NULL,
    FOREIGN KEY (dataset_id, category_idx) REFERENCES category(dataset_id, idx),
    UNIQUE (dataset_id, source)
);
CREATE INDEX item_by_split ON item(dataset_id, split, category_idx);
CREATE INDEX item_by_image ON item(image_id);

-- People who label (role 'annotator') or run the study (role 'admin').
-- Only a SHA-256 of the token is kept, so a leaked database leaks no logins.
CREATE TABLE annotator (
    id          INTEGER PRIMARY KEY,
    name        TEXT NOT NULL UNIQUE CHECK (length(name) BETWEEN 1 AND 100),
    role        TEXT NOT NULL DEFAULT 'annotator' CHECK (role IN ('annotator', 'admin')),
    dataset_id  INTEGER REFERENCES dataset(id) ON DELETE SET NULL,
    token_hash  TEXT NOT NULL UNIQUE CHECK (length(token_hash) = 64),
    created_at  TEXT NOT NULL,
    disabled_at TEXT
);

-- A lease: the item is reserved for this annotator until expires_at.
CREATE TABLE assignment (
    annotator_id INTEGER NOT NULL REFERENCES annotator(id) ON DELETE CASCADE,
    item_id      INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    leased_at    TEXT NOT NULL,
    expires_at   TEXT NOT NULL,
    PRIMARY KEY (annotator_id, item_id)
) WITHOUT ROWID;
CREATE INDEX assignment_by_item ON assignment(item_id, expires_at);

-- One trial. guesses is a JSON array of category indices in the order given.
-- A superseded judgement (undone) is kept for audit and never counted.
CREATE TABLE judgement (
    id            INTEGER PRIMARY KEY,
    uuid          TEXT NOT NULL UNIQUE,
    annotator_id  INTEGER NOT NULL REFERENCES annotator(id),
    item_id       INTEGER NOT NULL REFERENCES item(id),
    guesses       TEXT NOT NULL CHECK (json_valid(guesses) AND json_type(guesses) = 'array'),
    abstained     INTEGER NOT NULL DEFAULT 0 CHECK (abstained IN (0, 1)),
    response_ms   INTEGER CHECK (response_ms IS NULL OR response_ms >= 0),
    shown_at      TEXT,
    submitted_at  TEXT NOT NULL,
    phase         TEXT NOT NULL CHECK (phase IN ('practice', 'test')),
    superseded_at TEXT,
    CHECK (abstained = 1 OR json_array_length(guesses) >= 1)
);
-- No annotator judges an item twice (an undone judgement frees the item again).
CREATE UNIQUE INDEX judgement_once_per_annotator
    ON judgement(annotator_id, item_id) WHERE superseded_at IS NULL;
CREATE INDEX judgement_by_item ON judgement(item_id);

-- A classifier whose predictions are compared with the humans. card: JSON model card.
CREATE TABLE model (
    id         INTEGER PRIMARY KEY,
    dataset_id INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    name       TEXT NOT NULL CHECK (length(name) >= 1),
    source     TEXT NOT NULL DEFAULT '',
    card       TEXT NOT NULL DEFAULT '{}' CHECK (json_valid(card)),
    created_at TEXT NOT NULL,
    UNIQUE (dataset_id, name)
);

-- A model's ranked guesses for one item: rank 0 is its top-1.
CREATE TABLE prediction (
    model_id     INTEGER NOT NULL REFERENCES model(id) ON DELETE CASCADE,
    item_id      INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    rank         INTEGER NOT NULL CHECK (rank >= 0),
    category_idx INTEGER NOT NULL,
    score        REAL,
    PRIMARY KEY (model_id, item_id, rank)
) WITHOUT ROWID;
