// GalleryItem: one item shown in a report gallery, with every answer it got.
public struct GalleryItem: Sendable, Equatable, Encodable {
    public var itemID: Int64
    /// Where the item came from in the dataset (`t10k:9`, a file path), so a reader can find it.
    public var source: String?
    public var trueCategory: Int
    /// Each counted test judgement's guesses, in order, earliest judgement first.
    public var humanGuesses: [[Int]]
    /// The primary model's ranking, best first; nil without a prediction.
    public var modelRanking: [Int]?

    enum CodingKeys: String, CodingKey {
        case itemID = "item"
        case source
        case trueCategory = "true_category"
        case humanGuesses = "human_guesses"
        case modelRanking = "model_ranking"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(itemID, forKey: .itemID)
        try container.encode(source, forKey: .source)
        try container.encode(trueCategory, forKey: .trueCategory)
        try container.encode(humanGuesses, forKey: .humanGuesses)
        try container.encode(modelRanking, forKey: .modelRanking)
    }
}
