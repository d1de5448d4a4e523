// ModelScoring: computes one model's figures against the human majority on shared items.
/// Every figure takes the shared items (compared items the model predicted), worked out once
/// per model by `sharedItems`, so a report with 1,000 categories does not redo that lookup
/// for every category and every figure.
struct ModelScoring: Sendable {
    let predictions: ModelPredictions
    let maxGuesses: Int

    func sharedItems(_ items: [ItemEvidence]) -> [SharedItem] {
        items.filter(\.isCompared).compactMap { item in
            predictions.ranking(for: item.itemID).map { SharedItem(item: item, ranking: $0, maxGuesses: maxGuesses) }
        }
    }

    static func figures(for shared: [SharedItem]) -> ModelComparisonFigures {
        let topOneMisses = Proportion(of: shared) { !$0.modelIsRight }
        let topKMisses = Proportion(of: shared) { !$0.modelTopKIsRight }
        let humanCorrect = shared.map(\.item.majorityIsRight)
        let modelCorrect = shared.map(\.modelIsRight)
        return ModelComparisonFigures(
            error: topOneMisses.rate,
            errorCI: topOneMisses.wilsonInterval,
            topKError: topKMisses.rate,
            mcnemarP: McNemarTest.exactTwoSidedP(humanCorrect: humanCorrect, modelCorrect: modelCorrect),
            errorConsistency: ErrorConsistency.kappa(firstCorrect: humanCorrect, secondCorrect: modelCorrect))
    }

    /// Cohen's κ between the majority label and the model's top-1 label.
    static func cohenKappa(for shared: [SharedItem]) -> Double? {
        let labelPairs = shared.compactMap { shared in
            shared.item.majority.map { (human: $0, model: shared.ranking[0]) }
        }
        return CohenKappa.kappa(labelPairs.map(\.human), labelPairs.map(\.model))
    }

    /// Model error − human-majority error, both on the shared items: on different item sets the
    /// difference would mix a coverage gap into the bias. Equals model_error − human_majority_error
    /// of the report whenever the model predicted every compared item.
    static func avoidableBias(for shared: [SharedItem]) -> Double? {
        guard let modelError = Proportion(of: shared, where: { !$0.modelIsRight }).rate,
              let humanError = Proportion(of: shared, where: { !$0.item.majorityIsRight }).rate
        else { return nil }
        return modelError - humanError
    }

    static func confusion(for shared: [SharedItem], categoryCount: Int) -> ConfusionMatrix {
        ConfusionMatrix(categoryCount: categoryCount, pairs: shared.lazy.map { (truth: $0.item.trueCategory, answer: $0.ranking[0]) })
    }
}
