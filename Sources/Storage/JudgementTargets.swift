// JudgementTargets: what a file of outside judgements is checked against, in one study.
/// The study's categories, its guess limit, the items that may be judged (by source), and who
/// already judged what there.
public struct JudgementTargets: Sendable {
    public let dataset: String
    public let study: String
    /// Category names in index order.
    public let categories: [String]
    public let maxGuesses: Int
    /// Item source -> the item's id and split (test and practice items only).
    public let items: [String: (id: Int64, split: Split)]
    /// Annotator name -> the items they have a live judgement of in this study.
    public let judged: [String: Set<Int64>]
}
