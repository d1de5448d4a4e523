// Proportion: "count of total", the unit every error rate in a report is built from.
public struct Proportion: Sendable, Equatable {
    public var count: Int
    public var total: Int

    public init(count: Int, total: Int) {
        precondition(count >= 0 && count <= total, "count must lie in 0...total")
        self.count = count
        self.total = total
    }

    /// count / total, or nil when nothing was counted (unknown is not zero).
    public var rate: Double? { total > 0 ? Double(count) / Double(total) : nil }

    public var wilsonInterval: ConfidenceInterval? {
        WilsonScoreInterval.interval(count: count, total: total)
    }

    /// Counts the values for which `isEvent` holds.
    public init<Values: Sequence>(of values: Values, where isEvent: (Values.Element) -> Bool) {
        var count = 0
        var total = 0
        for value in values {
            total += 1
            if isEvent(value) { count += 1 }
        }
        self.init(count: count, total: total)
    }
}
