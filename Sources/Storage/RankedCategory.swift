// RankedCategory: one entry of a model's ranked answer for an item.
public struct RankedCategory: Sendable, Equatable {
    public init(category: Int, score: Double?) {
        self.category = category
        self.score = score
    }

    public let category: Int
    /// Softmax score or whatever the model reported; nil when it gave none.
    public let score: Double?
}
