-- refhuman: foreign keys off
-- 0012_catch_items_and_returns: a dataset may hold items of a 'catch' split, images kept for attention
-- checks only, and a study chooses where its catch trials come from: 'catch' (that split),
-- 'shown' (example images and practice images beyond the practice done: recognisable to an
-- attentive participant, the older behaviour) or 'auto' ('catch' when the dataset has catch
-- items, else 'shown').
-- SQLite cannot change a CHECK in place, so `item` is rebuilt by SQLite's documented
-- procedure: the migrator runs this file with foreign keys off, inside one transaction, and
-- refuses to commit unless PRAGMA foreign_key_check finds nothing. Rows and ids carry over,
-- so every table that points at an item still points at the same one.
CREATE TABLE item_with_catch (
    id           INTEGER PRIMARY KEY,
    dataset_id   INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    image_id     INTEGER NOT NULL REFERENCES image(id),
    category_idx INTEGER NOT NULL,
    split        TEXT NOT NULL CHECK (split IN ('test', 'practice', 'example', 'train', 'catch')),
    source       TEXT NOT NULL,
    FOREIGN KEY (dataset_id, category_idx) REFERENCES category(dataset_id, idx),
    UNIQUE (dataset_id, source)
);
INSERT INTO item_with_catch (id, dataset_id, image_id, category_idx, split, source)
SELECT id, dataset_id, image_id, category_idx, split, source FROM item;
DROP TABLE item;
ALTER TABLE item_with_catch RENAME TO item;
CREATE INDEX item_by_split ON item(dataset_id, split, category_idx);
CREATE INDEX item_by_image ON item(image_id);

ALTER TABLE study ADD COLUMN catch_source TEXT NOT NULL DEFAULT 'auto'
    CHECK (catch_source IN ('auto', 'catch', 'shown'));

-- A participant may stop and return the study (as Prolific and MTurk call it) before the
-- end: from then on they get no items; their answers so far stay, as the consent said.
ALTER TABLE participant ADD COLUMN returned_at TEXT;

-- MTurk shows a HIT's task to workers before they accept it (a preview). A preview stores
-- nothing about the person; the study counts them, so the researcher sees the interest.
ALTER TABLE study ADD COLUMN previews INTEGER NOT NULL DEFAULT 0 CHECK (previews >= 0);
