-- 0002_live_judgement: the judgements that count. Undone (superseded) judgements stay in
-- the judgement table for audit; every query about progress, assignment or agreement
-- reads this view instead, so none of them can forget the filter.
CREATE VIEW live_judgement AS
    SELECT * FROM judgement WHERE superseded_at IS NULL;
