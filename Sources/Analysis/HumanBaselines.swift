// HumanBaselines: the report's answer to "which human?": individual annotators (the median and
// the best), the majority of k for k = 1…K, and a Dawid–Skene aggregate, with the pooled
// error's two-way bootstrap interval beside Wilson's and each model's paired difference.
public struct HumanBaselines: Sendable, Equatable, Encodable {
    /// The best annotator, among those with enough judgements for their error to mean something.
    public struct Annotator: Sendable, Equatable, Encodable {
        public var annotator: Int64
        public var name: String?
        public var judgements: Int
        public var error: Double
        public var errorCI: ConfidenceInterval?

        enum CodingKeys: String, CodingKey {
            case annotator, name, judgements, error
            case errorCI = "error_ci"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(annotator, forKey: .annotator)
            try container.encode(name, forKey: .name)
            try container.encode(judgements, forKey: .judgements)
            try container.encode(error, forKey: .error)
            try container.encode(errorCI, forKey: .errorCI)
        }
    }

    /// One point of the majority-of-k curve.
    public struct MajorityPoint: Sendable, Equatable, Encodable {
        public var k: Int
        /// Items with at least k counted judgements, the point's unit.
        public var items: Int
        public var error: Double
        /// "exact" (every k-subset of every item), "resampled" or "mixed" (see MajorityOfK).
        public var method: String
    }

    /// The Dawid–Skene aggregate label per item, scored against the truth.
    public struct DawidSkeneFigures: Sendable, Equatable, Encodable {
        public var items: Int
        public var error: Double?
        public var errorCI: ConfidenceInterval?
        public var iterations: Int
        public var converged: Bool
        /// Per annotator (ordered by id), the estimated probability of a right first guess:
        /// Σ_c prior_c · π_cc from their confusion matrix; null for annotators without judgements.
        public var annotatorAccuracy: [Double?]

        enum CodingKeys: String, CodingKey {
            case items, error
            case errorCI = "error_ci"
            case iterations, converged
            case annotatorAccuracy = "annotator_accuracy"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(items, forKey: .items)
            try container.encode(error, forKey: .error)
            try container.encode(errorCI, forKey: .errorCI)
            try container.encode(iterations, forKey: .iterations)
            try container.encode(converged, forKey: .converged)
            try container.encode(annotatorAccuracy, forKey: .annotatorAccuracy)
        }
    }

    /// One model against the pooled human judgements on the same items, with the two-way interval.
    public struct PairedDifference: Sendable, Equatable, Encodable {
        public var model: String
        public var judgements: Int
        /// Model error − pooled human error over the judgements of the items the model predicted.
        public var modelMinusHumanError: Double?
        public var bootstrapCI: ConfidenceInterval?

        enum CodingKeys: String, CodingKey {
            case model, judgements
            case modelMinusHumanError = "model_minus_human_error"
            case bootstrapCI = "bootstrap_ci"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(model, forKey: .model)
            try container.encode(judgements, forKey: .judgements)
            try container.encode(modelMinusHumanError, forKey: .modelMinusHumanError)
            try container.encode(bootstrapCI, forKey: .bootstrapCI)
        }
    }

    /// Annotators with at least one counted test judgement.
    public var annotators: Int
    public var medianAnnotatorError: Double?
    /// Only annotators with at least `bestMinimumJudgements` test judgements compete.
    public var bestMinimumJudgements: Int
    public var bestAnnotator: Annotator?
    /// Pooled top-1 error over judgements with its two-way (annotators × items) bootstrap interval.
    public var pooledError: Double?
    public var pooledErrorBootstrapCI: ConfidenceInterval?
    public var bootstrapReplicates: Int
    public var bootstrapSeed: UInt64
    public var majorityOfK: [MajorityPoint]
    /// nil when the study is too large for a confusion matrix per annotator (see `dawidSkeneSkipped`).
    public var dawidSkene: DawidSkeneFigures?
    public var dawidSkeneSkipped: String?
    public var models: [PairedDifference]

    enum CodingKeys: String, CodingKey {
        case annotators
        case medianAnnotatorError = "median_annotator_error"
        case bestMinimumJudgements = "best_min_judgements"
        case bestAnnotator = "best_annotator"
        case pooledError = "pooled_error"
        case pooledErrorBootstrapCI = "pooled_error_bootstrap_ci"
        case bootstrapReplicates = "bootstrap_replicates"
        case bootstrapSeed = "bootstrap_seed"
        case majorityOfK = "majority_of_k"
        case dawidSkene = "dawid_skene"
        case dawidSkeneSkipped = "dawid_skene_skipped"
        case models
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(annotators, forKey: .annotators)
        try container.encode(medianAnnotatorError, forKey: .medianAnnotatorError)
        try container.encode(bestMinimumJudgements, forKey: .bestMinimumJudgements)
        try container.encode(bestAnnotator, forKey: .bestAnnotator)
        try container.encode(pooledError, forKey: .pooledError)
        try container.encode(pooledErrorBootstrapCI, forKey: .pooledErrorBootstrapCI)
        try container.encode(bootstrapReplicates, forKey: .bootstrapReplicates)
        try container.encode(bootstrapSeed, forKey: .bootstrapSeed)
        try container.encode(majorityOfK, forKey: .majorityOfK)
        try container.encode(dawidSkene, forKey: .dawidSkene)
        try container.encode(dawidSkeneSkipped, forKey: .dawidSkeneSkipped)
        try container.encode(models, forKey: .models)
    }
}
