// StoredPredictions: what `classify --json` and `predictions import --json` print.
struct StoredPredictions: Encodable {
    let model: String
    /// Items that got predictions.
    let predictions: Int
    /// Top-1 accuracy on the test items, when the classifier's run measured it.
    let testAccuracy: Double?
}
