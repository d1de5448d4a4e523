-- 0015_coarse_answers: a study may let annotators answer with an inner node of the category
-- tree ("dog, breed unknown") when they cannot name the leaf. Such a guess is stored as the
-- number of categories plus the node's position in the dataset's node list (category_node in
-- insertion order), so guesses stay integers; the report scores it exact, coarse-correct or
-- wrong. Frozen with the rest of the protocol.
ALTER TABLE study ADD COLUMN allow_coarse INTEGER NOT NULL DEFAULT 0 CHECK (allow_coarse IN (0, 1));
