// HumanFigures: the human side of a comparison over a set of items (overall or one category).
/// Encoded flat into the enclosing JSON object (DESIGN's `overall` and `categories[]` keys),
/// every unknown value as an explicit null.
public struct HumanFigures: Sendable, Equatable, Encodable {
    /// Compared items: test items with at least one counted judgement.
    public var items: Int
    /// Non-abstained test judgements, the unit of `error`.
    public var judgements: Int
    /// Pooled top-1 error over judgements.
    public var error: Double?
    public var errorCI: ConfidenceInterval?
    /// Pooled top-k error (k = max_guesses) over judgements.
    public var topKError: Double?
    /// Complete items (at least k counted judgements), the unit of the majority error.
    public var majorityItems: Int
    /// Error of the per-item majority label over complete items.
    public var majorityError: Double?
    public var majorityErrorCI: ConfidenceInterval?

    enum CodingKeys: String, CodingKey {
        case items, judgements
        case majorityItems = "human_majority_items"
        case error = "human_error"
        case errorCI = "human_error_ci"
        case topKError = "human_topk_error"
        case majorityError = "human_majority_error"
        case majorityErrorCI = "human_majority_error_ci"
    }

    // Written out because synthesized encoding drops nil keys; DESIGN wants them as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(judgements, forKey: .judgements)
        try container.encode(error, forKey: .error)
        try container.encode(errorCI, forKey: .errorCI)
        try container.encode(topKError, forKey: .topKError)
        try container.encode(majorityItems, forKey: .majorityItems)
        try container.encode(majorityError, forKey: .majorityError)
        try container.encode(majorityErrorCI, forKey: .majorityErrorCI)
    }
}
