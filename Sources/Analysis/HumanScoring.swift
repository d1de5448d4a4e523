// HumanScoring: computes the human side of a report over a set of test items.
enum HumanScoring {
    /// `items` are test items (compared or not); uncompared ones add nothing but are allowed.
    static func figures(for items: [ItemEvidence], maxGuesses: Int) -> HumanFigures {
        let compared = items.filter(\.isCompared)
        let judgedWithTruth = compared.flatMap { item in item.judgements.map { (trial: $0, truth: item.trueCategory) } }

        let topOneMisses = Proportion(of: judgedWithTruth) { $0.trial.firstGuess != $0.truth }
        let topKMisses = Proportion(of: judgedWithTruth) { !$0.trial.guesses.prefix(maxGuesses).contains($0.truth) }
        let majorityMisses = Proportion(of: compared) { !$0.majorityIsRight }

        return HumanFigures(
            items: compared.count,
            judgements: judgedWithTruth.count,
            error: topOneMisses.rate,
            errorCI: topOneMisses.wilsonInterval,
            topKError: topKMisses.rate,
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
        KrippendorffAlpha.nominal(units: items.map(\.labelPerAnnotator))
    }
}
