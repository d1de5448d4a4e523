// ExcludedAnnotator: one participant the study's rules leave out, with the rules they broke
// and the figures the rules were applied to.
public struct ExcludedAnnotator: Sendable, Equatable, Encodable {
    public enum Reason: String, Sendable, Encodable {
        case catchAccuracy = "catch_accuracy"
        case practiceAccuracy = "practice_accuracy"
        case medianResponseTime = "median_response_time"
    }

    public var annotator: Int64
    /// The pseudonym (platform participants) or the name the lab gave; null when unknown.
    public var name: String?
    public var reasons: [Reason]
    public var catchAccuracy: Double?
    public var practiceAccuracy: Double?
    public var medianResponseMilliseconds: Double?

    enum CodingKeys: String, CodingKey {
        case annotator, name, reasons
        case catchAccuracy = "catch_accuracy"
        case practiceAccuracy = "practice_accuracy"
        case medianResponseMilliseconds = "median_response_ms"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(annotator, forKey: .annotator)
        try container.encode(name, forKey: .name)
        try container.encode(reasons, forKey: .reasons)
        try container.encode(catchAccuracy, forKey: .catchAccuracy)
        try container.encode(practiceAccuracy, forKey: .practiceAccuracy)
        try container.encode(medianResponseMilliseconds, forKey: .medianResponseMilliseconds)
    }
}
