// ModelCategoryFigures: one model's figures within one true category, for `models[].categories[]`.
public struct ModelCategoryFigures: Sendable, Equatable, Encodable {
    public var category: String
    /// Compared items of this category that the model predicted.
    public var items: Int
    public var comparison: ModelComparisonFigures

    enum CodingKeys: String, CodingKey {
        case category, items
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(category, forKey: .category)
        try container.encode(items, forKey: .items)
        try comparison.encode(to: encoder)
    }
}
