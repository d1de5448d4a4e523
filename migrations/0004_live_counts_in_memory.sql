-- 0004_live_counts_in_memory: items no longer carry their count of live judgements.
-- 0003 kept it on the row, by triggers, for the assigner's SQL; the assigner now keeps
-- every test item's count in memory (AssignmentBoard), loaded once by counting through
-- judgement_by_item. The triggers rewrote a second row and index entry for every
-- judgement, by a sub-program, inside the one writer that every judgement waits for.
-- Reads that need a count now count.

DROP TRIGGER judgement_counts_on_insert;
DROP TRIGGER judgement_counts_on_supersede;
DROP TRIGGER judgement_counts_on_delete;
DROP TRIGGER judgement_counts_on_move;
DROP INDEX item_by_live_judgements;
ALTER TABLE item DROP COLUMN live_judgements;
