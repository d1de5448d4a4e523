// HeadlineFigures: the figures a paper quotes, taken from one report, so they can be shown
// side by side with and without the study's exclusions.
public struct HeadlineFigures: Sendable, Equatable, Encodable {
    public struct ModelLine: Sendable, Equatable, Encodable {
        public var model: String
        public var error: Double?
        public var mcnemarP: Double?
        public var modelMinusHumanMajorityError: Double?

        enum CodingKeys: String, CodingKey {
            case model
            case error = "model_error"
            case mcnemarP = "mcnemar_p"
            case modelMinusHumanMajorityError = "model_minus_human_majority_error"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(model, forKey: .model)
            try container.encode(error, forKey: .error)
            try container.encode(mcnemarP, forKey: .mcnemarP)
            try container.encode(modelMinusHumanMajorityError, forKey: .modelMinusHumanMajorityError)
        }
    }

    public var annotators: Int
    public var judgements: Int
    public var humanError: Double?
    public var humanErrorBootstrapCI: ConfidenceInterval?
    public var majorityItems: Int
    public var majorityError: Double?
    public var majorityErrorCI: ConfidenceInterval?
    public var medianAnnotatorError: Double?
    public var dawidSkeneError: Double?
    public var models: [ModelLine]

    init(_ report: Report) {
        let human = report.overall.human
        annotators = report.humans.annotators
        judgements = human.judgements
        humanError = human.error
        humanErrorBootstrapCI = report.humans.pooledErrorBootstrapCI
        majorityItems = human.majorityItems
        majorityError = human.majorityError
        majorityErrorCI = human.majorityErrorCI
        medianAnnotatorError = report.humans.medianAnnotatorError
        dawidSkeneError = report.humans.dawidSkene?.error
        models = report.models.map {
            ModelLine(model: $0.model, error: $0.comparison.error, mcnemarP: $0.comparison.mcnemarP,
                      modelMinusHumanMajorityError: $0.modelMinusHumanError)
        }
    }

    enum CodingKeys: String, CodingKey {
        case annotators, judgements
        case humanError = "human_error"
        case humanErrorBootstrapCI = "human_error_bootstrap_ci"
        case majorityItems = "human_majority_items"
        case majorityError = "human_majority_error"
        case majorityErrorCI = "human_majority_error_ci"
        case medianAnnotatorError = "median_annotator_error"
        case dawidSkeneError = "dawid_skene_error"
        case models
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(annotators, forKey: .annotators)
        try container.encode(judgements, forKey: .judgements)
        try container.encode(humanError, forKey: .humanError)
        try container.encode(humanErrorBootstrapCI, forKey: .humanErrorBootstrapCI)
        try container.encode(majorityItems, forKey: .majorityItems)
        try container.encode(majorityError, forKey: .majorityError)
        try container.encode(majorityErrorCI, forKey: .majorityErrorCI)
        try container.encode(medianAnnotatorError, forKey: .medianAnnotatorError)
        try container.encode(dawidSkeneError, forKey: .dawidSkeneError)
        try container.encode(models, forKey: .models)
    }
}
