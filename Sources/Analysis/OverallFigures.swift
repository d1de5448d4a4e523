// OverallFigures: the report's `overall` object, every item of the dataset's test split.
public struct OverallFigures: Sendable, Equatable, Encodable {
    public var human: HumanFigures
    /// The primary model; `Report.models` has the others.
    public var model: ModelComparisonFigures
    public var krippendorffAlpha: Double?
    public var cohenKappa: Double?
    /// Abstained ÷ all test judgements.
    public var abstentionRate: Double?
    /// Model top-1 error − human-majority error, both on the paired items (complete items the
    /// model predicted). Positive: the model errs more than the majority of k humans.
    public var modelMinusHumanError: Double?

    enum CodingKeys: String, CodingKey {
        case krippendorffAlpha = "krippendorff_alpha"
        case cohenKappa = "cohen_kappa"
        case abstentionRate = "abstention_rate"
        case modelMinusHumanError = "model_minus_human_majority_error"
        case avoidableBias = "avoidable_bias"
    }

    public func encode(to encoder: any Encoder) throws {
        // All three parts write into this same JSON object, giving DESIGN's flat key list.
        try human.encode(to: encoder)
        try model.encode(to: encoder)
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(krippendorffAlpha, forKey: .krippendorffAlpha)
        try container.encode(cohenKappa, forKey: .cohenKappa)
        try container.encode(abstentionRate, forKey: .abstentionRate)
        try container.encode(modelMinusHumanError, forKey: .modelMinusHumanError)
        // "avoidable_bias" was this figure's name until 1.1. Ng's avoidable bias is training
        // error minus human-level error, a different quantity; the old key stays one release
        // with the same value so scripts can move, then goes.
        try container.encode(modelMinusHumanError, forKey: .avoidableBias)
    }
}
