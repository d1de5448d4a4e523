// HumanScoring: computes the human side of a report over a set of test items.
enum HumanScoring {
    /// `items` are test items (compared or not); uncompared ones add nothing but are allowed.
    /// The majority is scored on complete items only (at least `judgementsPerItem`).
    static func figures(for items: [ItemEvidence], maxGuesses: Int, judgementsPerItem: Int) -> HumanFigures {
        let compared = items.filter(\.isCompared)
        var judgements = 0, topOneMissCount = 0, topKMissCount = 0
        for item in compared {
            for trial in item.judgements {
                judgements += 1
                if trial.firstGuess != item.trueCategory { topOneMissCount += 1 }
                if !trial.guesses.prefix(maxGuesses).contains(item.trueCategory) { topKMissCount += 1 }
            }
        }
        let topOneMisses = Proportion(count: topOneMissCount, total: judgements)
        let topKMisses = Proportion(count: topKMissCount, total: judgements)
        let majorityMisses = Proportion(of: compared.lazy.filter { $0.isComplete(judgementsPerItem: judgementsPerItem) }) {
            !$0.majorityIsRight
        }

        return HumanFigures(
            items: compared.count,
            judgements: judgements,
            error: topOneMisses.rate,
            errorCI: topOneMisses.wilsonInterval,
            topKError: topKMisses.rate,
            majorityItems: majorityMisses.total,
            majorityError: majorityMisses.rate,
            majorityErrorCI: majorityMisses.wilsonInterval)
    }

    /// Abstained ÷ all test judgements (abstained or not) of the given items.
    static func abstentionRate(for items: [ItemEvidence]) -> Double? {
        let abstained = items.reduce(0) { $0 + $1.abstentions }
        let all = items.reduce(0) { $0 + $1.abstentions + $1.judgements.count }
        return Proportion(count: abstained, total: all).rate
    }

    /// Krippendorff's α over the items judged by at least two annotators.
    static func krippendorffAlpha(for items: [ItemEvidence]) -> Double? {
        KrippendorffAlpha.nominal(units: items.lazy.map(\.labelPerAnnotator))
    }
}
