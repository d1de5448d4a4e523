// ItemEvidence: what the test phase says about one item, beside the item's truth.
struct ItemEvidence: Sendable {
    let itemID: Int64
    let trueCategory: Int
    /// Counted (non-abstained) test judgements, earliest first.
    let judgements: [Trial]
    let abstentions: Int
    /// The human-majority label; nil only when there are no counted judgements.
    let majority: Int?

    /// `testTrials` must be this item's test-phase, non-superseded trials in submission order.
    init(itemID: Int64, trueCategory: Int, testTrials: [Trial]) {
        self.itemID = itemID
        self.trueCategory = trueCategory
        judgements = testTrials.filter { !$0.isAbstention }
        abstentions = testTrials.count - judgements.count
        majority = HumanMajority.label(firstGuesses: judgements.compactMap(\.firstGuess))
    }

    /// DESIGN's "compared item": at least one counted test judgement.
    var isCompared: Bool { !judgements.isEmpty }

    var majorityIsRight: Bool { majority == trueCategory }

    /// One label per annotator, their earliest, because Krippendorff's reliability data has one
    /// value per annotator and unit: an annotator shown an item twice must not agree with themself.
    var labelPerAnnotator: [Int] {
        var seen: Set<Int64> = []
        return judgements.compactMap { trial in
            seen.insert(trial.annotatorID).inserted ? trial.firstGuess : nil
        }
    }
}
