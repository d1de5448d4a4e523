-- 0003_item_live_judgements: each item carries its count of live judgements, kept by
-- triggers in the same transaction as the judgement itself. Choosing the next item used to
-- count every test item's judgements on each GET /api/next, inside the single writer, so
-- its cost grew with the dataset. With the count on the row and indexed, the assigner
-- reads the least-judged items straight from the index.

ALTER TABLE item ADD COLUMN live_judgements INTEGER NOT NULL DEFAULT 0 CHECK (live_judgements >= 0);

UPDATE item SET live_judgements = (SELECT count(*) FROM live_judgement WHERE live_judgement.item_id = item.id);

CREATE INDEX item_by_live_judgements ON item(dataset_id, split, live_judgements);

CREATE TRIGGER judgement_counts_on_insert AFTER INSERT ON judgement
WHEN NEW.superseded_at IS NULL
BEGIN
    UPDATE item SET live_judgements = live_judgements + 1 WHERE id = NEW.item_id;
END;

-- Undo sets superseded_at; clearing it again (never done today) would count it back.
CREATE TRIGGER judgement_counts_on_supersede AFTER UPDATE OF superseded_at ON judgement
WHEN (OLD.superseded_at IS NULL) <> (NEW.superseded_at IS NULL)
BEGIN
    UPDATE item SET live_judgements = live_judgements + (CASE WHEN NEW.superseded_at IS NULL THEN 1 ELSE -1 END)
    WHERE id = NEW.item_id;
END;

CREATE TRIGGER judgement_counts_on_delete AFTER DELETE ON judgement
WHEN OLD.superseded_at IS NULL
BEGIN
    UPDATE item SET live_judgements = live_judgements - 1 WHERE id = OLD.item_id;
END;

-- A judgement moved to another item (an admin repair) moves its count with it.
CREATE TRIGGER judgement_counts_on_move AFTER UPDATE OF item_id ON judgement
WHEN OLD.item_id <> NEW.item_id AND NEW.superseded_at IS NULL
BEGIN
    UPDATE item SET live_judgements = live_judgements - 1 WHERE id = OLD.item_id;
    UPDATE item SET live_judgements = live_judgements + 1 WHERE id = NEW.item_id;
END;
