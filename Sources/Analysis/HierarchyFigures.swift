// HierarchyFigures: test judgements scored against a category tree: exact, coarse-correct
// (a node above the truth) or wrong; the mean hierarchical error; and, for the wrong ones,
// how many were fine-grained (a sibling of the truth) and whether the true category was ever
// looked at in the picker (Karpathy's class unawareness).
public struct HierarchyFigures: Sendable, Equatable, Encodable {
    /// Counted test judgements, scored by their first guess.
    public var judgements: Int
    public var exact: Int
    public var coarseCorrect: Int
    public var wrong: Int
    /// Mean lowest-common-ancestor height over judgements (0 for an exact answer).
    public var hierarchicalError: Double?
    /// Wrong judgements whose guess was a sibling of the truth.
    public var fineGrained: Int
    /// Wrong judgements that carry a browsing record, and of those, the ones whose true
    /// category was opened, pinned or matched by a search during the trial, and the rest.
    public var wrongWithBrowsing: Int
    public var trueCategorySeen: Int
    public var trueCategoryNeverSeen: Int

    enum CodingKeys: String, CodingKey {
        case judgements, exact, wrong
        case coarseCorrect = "coarse_correct"
        case hierarchicalError = "hierarchical_error"
        case fineGrained = "fine_grained"
        case wrongWithBrowsing = "wrong_with_browsing"
        case trueCategorySeen = "true_category_seen"
        case trueCategoryNeverSeen = "true_category_never_seen"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(judgements, forKey: .judgements)
        try container.encode(exact, forKey: .exact)
        try container.encode(coarseCorrect, forKey: .coarseCorrect)
        try container.encode(wrong, forKey: .wrong)
        try container.encode(hierarchicalError, forKey: .hierarchicalError)
        try container.encode(fineGrained, forKey: .fineGrained)
        try container.encode(wrongWithBrowsing, forKey: .wrongWithBrowsing)
        try container.encode(trueCategorySeen, forKey: .trueCategorySeen)
        try container.encode(trueCategoryNeverSeen, forKey: .trueCategoryNeverSeen)
    }

    /// `judgements`: (first guess, truth, categories looked at, nil without a record).
    init(tree: CategoryTree, judgements scored: [(guess: Int, truth: Int, lookedAt: Set<Int>?)]) {
        var exact = 0, coarse = 0, wrong = 0, fine = 0, withRecord = 0, seen = 0, heights = 0
        for judgement in scored {
            heights += tree.lowestCommonAncestorHeight(answer: judgement.guess, truth: judgement.truth)
            if judgement.guess == judgement.truth {
                exact += 1
            } else if tree.isCoarseCorrect(answer: judgement.guess, truth: judgement.truth) {
                coarse += 1
            } else {
                wrong += 1
                if tree.isSibling(answer: judgement.guess, truth: judgement.truth) { fine += 1 }
                if let lookedAt = judgement.lookedAt {
                    withRecord += 1
                    if lookedAt.contains(judgement.truth) { seen += 1 }
                }
            }
        }
        judgements = scored.count
        self.exact = exact
        coarseCorrect = coarse
        self.wrong = wrong
        hierarchicalError = scored.isEmpty ? nil : Double(heights) / Double(scored.count)
        fineGrained = fine
        wrongWithBrowsing = withRecord
        trueCategorySeen = seen
        trueCategoryNeverSeen = withRecord - seen
    }
}
