// ModelScoring: computes one model's figures against the human majority on shared items.
/// Every figure takes the shared items (compared items the model predicted), worked out once
/// per model by `sharedItems`, so a report with 1,000 categories does not redo that lookup
/// for every category and every figure.
struct ModelScoring: Sendable {
    let predictions: ModelPredictions
    let maxGuesses: Int
    let judgementsPerItem: Int

    func sharedItems(_ items: [ItemEvidence]) -> [SharedItem] {
        items.filter(\.isCompared).compactMap { item in
            predictions.ranking(for: item.itemID).map { SharedItem(item: item, ranking: $0, maxGuesses: maxGuesses) }
        }
    }

    /// Shared items with at least k counted judgements: a majority of fewer than k labels is
    /// a weaker "human" than the study planned, so paired figures leave them out.
    func complete(_ shared: [SharedItem]) -> [SharedItem] {
        shared.filter { $0.item.isComplete(judgementsPerItem: judgementsPerItem) }
    }

    func figures(for shared: [SharedItem]) -> ModelComparisonFigures {
        let topOneMisses = Proportion(of: shared) { !$0.modelIsRight }
        let topKMisses = Proportion(of: shared) { !$0.modelTopKIsRight }
        let paired = complete(shared)
        let humanCorrect = paired.map(\.item.majorityIsRight)
        let modelCorrect = paired.map(\.modelIsRight)
        return ModelComparisonFigures(
            error: topOneMisses.rate,
            errorCI: topOneMisses.wilsonInterval,
            topKError: topKMisses.rate,
            pairedItems: paired.count,
            mcnemarP: McNemarTest.exactTwoSidedP(humanCorrect: humanCorrect, modelCorrect: modelCorrect),
            errorConsistency: ErrorConsistency.kappa(firstCorrect: humanCorrect, secondCorrect: modelCorrect))
    }

    /// Cohen's κ between the majority label and the model's top-1 label, on complete items.
    func cohenKappa(for shared: [SharedItem]) -> Double? {
        let labelPairs = complete(shared).compactMap { shared in
            shared.item.majority.map { (human: $0, model: shared.ranking[0]) }
        }
        return CohenKappa.kappa(labelPairs.map(\.human), labelPairs.map(\.model))
    }

    /// Model error − human-majority error, both on the complete shared items: on different
    /// item sets the difference would mix a coverage gap into the gap. Positive: the model
    /// errs more than the majority of k humans. Equals model_error − human_majority_error of
    /// the report whenever the model predicted every complete item and every compared item
    /// is complete.
    func modelMinusHumanError(for shared: [SharedItem]) -> Double? {
        let paired = complete(shared)
        guard let modelError = Proportion(of: paired, where: { !$0.modelIsRight }).rate,
              let humanError = Proportion(of: paired, where: { !$0.item.majorityIsRight }).rate
        else { return nil }
        return modelError - humanError
    }

    static func confusion(for shared: [SharedItem], categoryCount: Int) -> ConfusionMatrix {
        ConfusionMatrix(categoryCount: categoryCount, pairs: shared.lazy.map { (truth: $0.item.trueCategory, answer: $0.ranking[0]) })
    }
}
