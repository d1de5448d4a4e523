// Median: the middle of a list of numbers, used for typical response times and the median annotator.
public enum Median {
    /// The mean of the two middle values for an even count; nil for an empty list.
    public static func of(_ values: [Int]) -> Double? {
        of(values.map(Double.init))
    }

    /// The same for real numbers (annotators' error rates).
    public static func of(_ values: [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        let sorted = values.sorted()
        let middle = sorted.count / 2
        if sorted.count % 2 == 1 { return sorted[middle] }
        return (sorted[middle - 1] + sorted[middle]) / 2
    }
}
