// PredictionTargets: what a predictions file is checked against: a dataset's categories and
// the test and practice items it may predict, by source.
import GRDB

public struct PredictionTargets: Sendable {
    public let dataset: String
    /// Category names in index order.
    public let categories: [String]
    /// Item source -> (item id, true category).
    public let items: [String: (id: Int64, trueCategory: Int)]
}
