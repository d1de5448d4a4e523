-- 0010_assignment_order: which test items a study hands out first. 'fill' (the default
-- from now on) gives the most-judged items that still need judgements, so a study that
-- stops early has complete items; 'spread' gives the least-judged first, as every study
-- did before, which is why studies that exist already keep it.
ALTER TABLE study ADD COLUMN assignment_order TEXT NOT NULL DEFAULT 'fill' CHECK (assignment_order IN ('fill', 'spread'));
UPDATE study SET assignment_order = 'spread';
