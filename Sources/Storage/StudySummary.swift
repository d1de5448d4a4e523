// StudySummary: one study as `refhuman studies` lists and shows it.
public struct StudySummary: Encodable, Sendable, Equatable {
    public let name: String
    public let dataset: String
    public let title: String
    public let settings: DatasetSettings
    public let terms: StudyTerms
    /// The secret of its public enrolment link, /s/{code}.
    public let enrolmentCode: String
    public let createdAt: String
    /// When the first test judgement froze the protocol; nil while it can still change.
    public let frozenAt: String?
    public let closedAt: String?
    public let participants: Int
    /// MTurk previews of the task: counted, nothing else kept.
    public let previews: Int
    public let testJudgements: Int
}
