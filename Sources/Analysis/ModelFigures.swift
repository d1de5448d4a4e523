// ModelFigures: one entry of the report's `models[]`, every model-side figure for one model.
public struct ModelFigures: Sendable, Equatable, Encodable {
    public var model: String
    /// Compared items the model predicted: the items all figures below are scored on.
    public var items: Int
    public var comparison: ModelComparisonFigures
    public var cohenKappa: Double?
    /// Model top-1 error − human-majority error on the paired items (positive: the model errs more).
    public var modelMinusHumanError: Double?
    public var categories: [ModelCategoryFigures]
    /// Truth × the model's top-1 label.
    public var confusion: ConfusionMatrix

    enum CodingKeys: String, CodingKey {
        case model, items
        case cohenKappa = "cohen_kappa"
        case modelMinusHumanError = "model_minus_human_majority_error"
        case avoidableBias = "avoidable_bias"
        case categories, confusion
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(model, forKey: .model)
        try container.encode(items, forKey: .items)
        try comparison.encode(to: encoder)
        try container.encode(cohenKappa, forKey: .cohenKappa)
        try container.encode(modelMinusHumanError, forKey: .modelMinusHumanError)
        // The old name, kept for one release (1.2) so readers can move: see OverallFigures.
        try container.encode(modelMinusHumanError, forKey: .avoidableBias)
        try container.encode(categories, forKey: .categories)
        try container.encode(confusion, forKey: .confusion)
    }
}
