// AnnotatorFigures: one entry of the report's `annotators[]`, how one person did and how fast.
public struct AnnotatorFigures: Sendable, Equatable, Encodable {
    public var annotatorID: Int64
    /// Display name when the caller supplied one; null otherwise.
    public var name: String?
    /// Non-abstained practice judgements and their top-1 error.
    public var practiceJudgements: Int
    public var practiceError: Double?
    /// Non-abstained test judgements and their top-1 error.
    public var testJudgements: Int
    public var testError: Double?
    /// Wilson 95 % interval of their test error (their judgements as independent trials).
    public var testErrorCI: ConfidenceInterval?
    /// Abstained test judgements.
    public var abstentions: Int
    /// Median response time of the non-abstained test judgements that recorded one.
    public var medianResponseMilliseconds: Double?
    public var learningCurve: [LearningCurveBlock]

    enum CodingKeys: String, CodingKey {
        case annotatorID = "annotator"
        case name
        case practiceJudgements = "practice_judgements"
        case practiceError = "practice_error"
        case testJudgements = "test_judgements"
        case testError = "test_error"
        case testErrorCI = "test_error_ci"
        case abstentions
        case medianResponseMilliseconds = "median_response_ms"
        case learningCurve = "learning_curve"
    }

    // Written out because synthesized encoding drops nil keys; unknowns must read as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(annotatorID, forKey: .annotatorID)
        try container.encode(name, forKey: .name)
        try container.encode(practiceJudgements, forKey: .practiceJudgements)
        try container.encode(practiceError, forKey: .practiceError)
        try container.encode(testJudgements, forKey: .testJudgements)
        try container.encode(testError, forKey: .testError)
        try container.encode(testErrorCI, forKey: .testErrorCI)
        try container.encode(abstentions, forKey: .abstentions)
        try container.encode(medianResponseMilliseconds, forKey: .medianResponseMilliseconds)
        try container.encode(learningCurve, forKey: .learningCurve)
    }
}
