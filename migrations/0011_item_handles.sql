-- 0011_item_handles: what an annotator sees of an item (its id in the API and its image's
-- URL) is a handle of their study: random, so it tells neither the import order nor the
-- image's content hash (which anyone can compute from the public files), and different
-- in every study. Handles are unique across studies, so an image URL names one study's item.
CREATE TABLE item_handle (
    study_id INTEGER NOT NULL REFERENCES study(id) ON DELETE CASCADE,
    item_id  INTEGER NOT NULL REFERENCES item(id) ON DELETE CASCADE,
    handle   TEXT NOT NULL UNIQUE CHECK (length(handle) = 24),
    PRIMARY KEY (study_id, item_id)
) WITHOUT ROWID;
INSERT INTO item_handle (study_id, item_id, handle)
SELECT study.id, item.id, lower(hex(randomblob(12)))
FROM study JOIN item ON item.dataset_id = study.dataset_id
WHERE item.split IN ('test', 'practice', 'example');
