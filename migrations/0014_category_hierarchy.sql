-- 0014_category_hierarchy: categories may sit in a tree (WordNet's hypernyms for ImageNet).
-- category_node holds the inner nodes; a category names its parent node. The picker browses
-- the tree and the report can tell a fine-grained error (a sibling) from a coarse one.
CREATE TABLE category_node (
    dataset_id  INTEGER NOT NULL REFERENCES dataset(id) ON DELETE CASCADE,
    key         TEXT NOT NULL CHECK (length(key) >= 1),
    name        TEXT NOT NULL CHECK (length(name) >= 1),
    description TEXT NOT NULL DEFAULT '',
    synonyms    TEXT NOT NULL DEFAULT '[]' CHECK (json_valid(synonyms)),
    parent_key  TEXT,
    PRIMARY KEY (dataset_id, key),
    UNIQUE (dataset_id, name),
    FOREIGN KEY (dataset_id, parent_key) REFERENCES category_node(dataset_id, key) DEFERRABLE INITIALLY DEFERRED
);

-- NULL: the category has no parent (a dataset without a hierarchy, or a top-level category).
ALTER TABLE category ADD COLUMN parent_key TEXT;

-- Per trial, what the annotator looked at in the picker: the categories opened, the searches
-- typed and the categories pinned to compare ({"opened": [...], "searched": [...], "pinned":
-- [...]}), so a report can tell "did not know" from "did not find" (class unawareness).
ALTER TABLE judgement ADD COLUMN browsing TEXT CHECK (browsing IS NULL OR json_valid(browsing));
