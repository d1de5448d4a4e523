// ItemEvidence: what the test phase says about one item, beside the item's truth.
struct ItemEvidence: Sendable {
    let itemID: Int64
    let trueCategory: Int
    /// Counted (non-abstained) test judgements, earliest first.
    let judgements: [CountedJudgement]
    let abstentions: Int
    /// The human-majority label; nil only when there are no counted judgements.
    let majority: Int?

    /// `judgements` must be this item's counted (non-abstained, non-superseded) test trials in
    /// submission order; `abstentions` counts its abstained test trials.
    init(itemID: Int64, trueCategory: Int, judgements: [CountedJudgement], abstentions: Int) {
        self.itemID = itemID
        self.trueCategory = trueCategory
        self.judgements = judgements
        self.abstentions = abstentions
        majority = HumanMajority.label(firstGuesses: judgements.map(\.firstGuess))
    }

    /// DESIGN's "compared item": at least one counted test judgement.
    var isCompared: Bool { !judgements.isEmpty }

    var majorityIsRight: Bool { majority == trueCategory }

    /// At least k counted judgements: the items a majority of k and a paired test may use.
    func isComplete(judgementsPerItem k: Int) -> Bool { judgements.count >= k }

    /// One label per annotator, their earliest, because Krippendorff's reliability data has one
    /// value per annotator and unit: an annotator shown an item twice must not agree with themself.
    var labelPerAnnotator: [Int] {
        // Almost always every annotator appears once; checking that allocates nothing.
        let repeats = judgements.indices.contains { index in
            judgements[..<index].contains { $0.annotatorID == judgements[index].annotatorID }
        }
        guard repeats else { return judgements.map(\.firstGuess) }
        var seen: [Int64] = []
        return judgements.compactMap { judgement in
            if seen.contains(judgement.annotatorID) { return nil }
            seen.append(judgement.annotatorID)
            return judgement.firstGuess
        }
    }
}
