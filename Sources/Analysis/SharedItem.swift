// SharedItem: an item scored on both sides, a compared item together with the model's prediction.
struct SharedItem: Sendable {
    let item: ItemEvidence
    /// Non-empty: items without a prediction are never shared.
    let ranking: [Int]
    let maxGuesses: Int

    var modelIsRight: Bool { ranking.first == item.trueCategory }
    var modelTopKIsRight: Bool { ranking.prefix(maxGuesses).contains(item.trueCategory) }
}
