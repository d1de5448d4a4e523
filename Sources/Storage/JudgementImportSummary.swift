// JudgementImportSummary: what `import judgements` stored, for its status line and --json.
public struct JudgementImportSummary: Encodable, Sendable, Equatable {
    public let dataset: String
    public let study: String
    public let judgements: Int
    public let testJudgements: Int
    public let practiceJudgements: Int
    /// Distinct annotators in the file, and how many of them were new accounts.
    public let annotators: Int
    public let newAnnotators: Int
    /// Distinct items judged.
    public let items: Int

    public var line: String {
        "imported \(judgements) judgement(s) (\(testJudgements) test, \(practiceJudgements) practice) by \(annotators) annotator(s) "
            + "(\(newAnnotators) new) on \(items) item(s) into study \(study) of \(dataset)"
    }
}
