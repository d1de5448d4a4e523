// CategoryFigures: one entry of the report's `categories[]`, figures restricted to one true category.
public struct CategoryFigures: Sendable, Equatable, Encodable {
    /// The category's name, as DESIGN's `category` key.
    public var category: String
    public var human: HumanFigures
    /// The primary model; `Report.models` has the others.
    public var model: ModelComparisonFigures

    enum CodingKeys: String, CodingKey {
        case category
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(category, forKey: .category)
        // Both halves write into this same JSON object, giving DESIGN's flat key list.
        try human.encode(to: encoder)
        try model.encode(to: encoder)
    }
}
