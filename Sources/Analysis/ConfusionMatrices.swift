// ConfusionMatrices: the report's `confusion` object, truth × answer for humans and the primary model.
public struct ConfusionMatrices: Sendable, Equatable, Encodable {
    /// Row and column labels: category names in index order.
    public var categories: [String]
    /// Every counted test judgement's first guess.
    public var human: ConfusionMatrix
    /// One per compared item: its majority label.
    public var humanMajority: ConfusionMatrix
    /// The primary model's top-1 label on the compared items it predicted; null without a model.
    public var model: ConfusionMatrix?

    enum CodingKeys: String, CodingKey {
        case categories, human
        case humanMajority = "human_majority"
        case model
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(categories, forKey: .categories)
        try container.encode(human, forKey: .human)
        try container.encode(humanMajority, forKey: .humanMajority)
        try container.encode(model, forKey: .model)
    }
}
