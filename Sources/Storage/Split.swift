// Split: the role an item plays in a study.
public enum Split: String, Codable, Sendable, CaseIterable {
    /// Items whose judgements are measured and reported.
    case test
    /// Items shown first, with feedback, so annotators learn the categories.
    case practice
    /// Items shown as reference thumbnails on each category's card.
    case example
    /// Items a classifier learns from; never shown to annotators.
    case train
    /// Items kept for attention checks: shown like test items in studies that draw their
    /// catch trials from this split, scored per participant, never reported as test data.
    case `catch`
}
