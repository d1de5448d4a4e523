// ConfidenceInterval: a [low, high] range for a rate; encoded in JSON as a two-number array.
public struct ConfidenceInterval: Sendable, Equatable, Encodable {
    public var low: Double
    public var high: Double

    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    public func encode(to encoder: any Encoder) throws {
        var pair = encoder.unkeyedContainer()
        try pair.encode(low)
        try pair.encode(high)
    }
}
