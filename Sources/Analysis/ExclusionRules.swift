// ExclusionRules: a study's pre-registered rules for leaving a participant out of the primary
// figures: catch-trial accuracy, practice accuracy or median test response time below a bound.
public struct ExclusionRules: Sendable, Equatable, Encodable {
    /// Share of catch trials whose first guess is right; abstaining on one counts as not right.
    public var catchAccuracyBelow: Double?
    public var practiceAccuracyBelow: Double?
    public var medianResponseMillisecondsBelow: Int?

    public init(catchAccuracyBelow: Double? = nil, practiceAccuracyBelow: Double? = nil, medianResponseMillisecondsBelow: Int? = nil) {
        self.catchAccuracyBelow = catchAccuracyBelow
        self.practiceAccuracyBelow = practiceAccuracyBelow
        self.medianResponseMillisecondsBelow = medianResponseMillisecondsBelow
    }

    public var isEmpty: Bool { catchAccuracyBelow == nil && practiceAccuracyBelow == nil && medianResponseMillisecondsBelow == nil }

    enum CodingKeys: String, CodingKey {
        case catchAccuracyBelow = "catch_accuracy_below"
        case practiceAccuracyBelow = "practice_accuracy_below"
        case medianResponseMillisecondsBelow = "median_response_ms_below"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(catchAccuracyBelow, forKey: .catchAccuracyBelow)
        try container.encode(practiceAccuracyBelow, forKey: .practiceAccuracyBelow)
        try container.encode(medianResponseMillisecondsBelow, forKey: .medianResponseMillisecondsBelow)
    }
}
