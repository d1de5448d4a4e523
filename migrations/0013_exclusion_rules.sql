-- 0013_exclusion_rules: a study's pre-registered exclusion rules, frozen with the rest of its
-- protocol at the first test judgement. A participant is excluded from the report's primary
-- figures when their catch-trial accuracy or practice accuracy is below the share given, or
-- the median time of their test answers is below the milliseconds given; NULL: no such rule.
-- The report gives every headline figure with and without exclusions and lists who was excluded.
ALTER TABLE study ADD COLUMN exclude_catch_below REAL CHECK (exclude_catch_below IS NULL OR (exclude_catch_below > 0 AND exclude_catch_below <= 1));
ALTER TABLE study ADD COLUMN exclude_practice_below REAL CHECK (exclude_practice_below IS NULL OR (exclude_practice_below > 0 AND exclude_practice_below <= 1));
ALTER TABLE study ADD COLUMN exclude_median_ms_below INTEGER CHECK (exclude_median_ms_below IS NULL OR exclude_median_ms_below > 0);
