// ModelPredictions: one model's ranked answers per item, best first.
public struct ModelPredictions: Sendable, Equatable {
    public var modelName: String
    /// Item id -> category indices, most likely first. An empty list counts as no prediction.
    public var rankedCategories: [Int64: [Int]]

    public init(modelName: String, rankedCategories: [Int64: [Int]]) {
        self.modelName = modelName
        self.rankedCategories = rankedCategories
    }

    /// The prediction for an item, or nil when the model has none (empty lists included).
    public func ranking(for itemID: Int64) -> [Int]? {
        guard let ranking = rankedCategories[itemID], !ranking.isEmpty else { return nil }
        return ranking
    }
}
