// ModelComparisonFigures: one model beside the human majority on the items both were scored on.
/// The model's errors use the compared items it predicted; the paired figures (McNemar,
/// error consistency) use those of them that are complete, where the majority is one of k.
/// Encoded flat into the enclosing JSON object, unknowns as null.
public struct ModelComparisonFigures: Sendable, Equatable, Encodable {
    /// Top-1 error.
    public var error: Double?
    public var errorCI: ConfidenceInterval?
    /// Top-k error with the humans' k (max_guesses).
    public var topKError: Double?
    /// Complete items the model predicted: the unit of the paired figures.
    public var pairedItems: Int
    public var mcnemarP: Double?
    public var errorConsistency: Double?

    /// What a report shows when there is no model (or it predicted none of the items).
    public static let unknown = ModelComparisonFigures(
        error: nil, errorCI: nil, topKError: nil, pairedItems: 0, mcnemarP: nil, errorConsistency: nil)

    enum CodingKeys: String, CodingKey {
        case error = "model_error"
        case errorCI = "model_error_ci"
        case topKError = "model_topk_error"
        case pairedItems = "paired_items"
        case mcnemarP = "mcnemar_p"
        case errorConsistency = "error_consistency"
    }

    // Written out because synthesized encoding drops nil keys; DESIGN wants them as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(error, forKey: .error)
        try container.encode(errorCI, forKey: .errorCI)
        try container.encode(topKError, forKey: .topKError)
        try container.encode(pairedItems, forKey: .pairedItems)
        try container.encode(mcnemarP, forKey: .mcnemarP)
        try container.encode(errorConsistency, forKey: .errorConsistency)
    }
}
