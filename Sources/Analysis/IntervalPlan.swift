// IntervalPlan: the test items (and judgements) a study needs to measure one error rate within a margin.
public struct IntervalPlan: Sendable, Equatable, Encodable {
    /// The error rate expected, p.
    public let error: Double
    /// The interval's half-width, d.
    public let margin: Double
    public let confidence: Double
    /// z_{1−α/2}.
    public let z: Double
    /// z²p(1 − p)/d², before rounding up.
    public let itemsExact: Double
    /// The normal-approximation count, rounded up: the plan.
    public let items: Int
    /// The fewest items whose Wilson interval is no wider than the margin, as a check on the approximation.
    public let wilsonItems: Int
    public let judgementsPerItem: Int
    /// items × judgementsPerItem.
    public let judgements: Int

    public init(error: Double, margin: Double, confidence: Double, judgementsPerItem: Int) throws {
        guard judgementsPerItem >= 1 else { throw SamplePlanError.judgementsPerItemOutOfRange(value: judgementsPerItem) }
        self.error = error
        self.margin = margin
        self.confidence = confidence
        itemsExact = try SamplePlan.intervalItems(error: error, margin: margin, confidence: confidence)
        z = try SamplePlan.twoSidedZ(confidence: confidence)
        items = try SamplePlan.wholeItems(itemsExact)
        wilsonItems = try SamplePlan.wilsonIntervalItems(error: error, margin: margin, confidence: confidence)
        self.judgementsPerItem = judgementsPerItem
        judgements = try SamplePlan.judgements(items: items, perItem: judgementsPerItem)
    }
}
