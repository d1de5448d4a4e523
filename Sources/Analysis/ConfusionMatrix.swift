// ConfusionMatrix: counts of (true category, answered category), rows true, columns answered.
public struct ConfusionMatrix: Sendable, Equatable, Encodable {
    /// counts[t][a] = how often truth t was answered with a. Square, one row per category.
    public private(set) var counts: [[Int]]

    public init(categoryCount: Int) {
        counts = Array(repeating: Array(repeating: 0, count: categoryCount), count: categoryCount)
    }

    /// Pairs outside the category list are skipped rather than trapping: indices are checked
    /// where judgements and predictions enter the system, and a report should still render.
    public init<Pairs: Sequence>(categoryCount: Int, pairs: Pairs) where Pairs.Element == (truth: Int, answer: Int) {
        self.init(categoryCount: categoryCount)
        for pair in pairs { add(truth: pair.truth, answer: pair.answer) }
    }

    public mutating func add(truth: Int, answer: Int) {
        guard counts.indices.contains(truth), counts.indices.contains(answer) else { return }
        counts[truth][answer] += 1
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(counts)
    }
}
