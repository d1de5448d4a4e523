// ModelRanking: one stored model's ranked predictions on a dataset's items.
public struct ModelRanking: Sendable, Equatable {
    public let name: String
    /// Item id -> (category index, score) pairs, rank 0 first.
    public let predictions: [Int64: [RankedCategory]]
}
