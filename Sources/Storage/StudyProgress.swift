// StudyProgress: the admin's view of how far each study and annotator has come.
public struct StudyProgress: Encodable, Sendable, Equatable {
    public struct StudyLine: Encodable, Sendable, Equatable {
        public let name: String
        public let dataset: String
        public let testItems: Int
        public let judgementsPerItem: Int
        public let testJudgements: Int
        public let completeItems: Int
        /// When its first test judgement froze the protocol; nil before.
        public let frozenAt: String?
        public let closedAt: String?
    }

    public struct AnnotatorProgress: Encodable, Sendable, Equatable {
        public let name: String
        /// The study they take part in now, and its dataset.
        public let study: String?
        public let dataset: String?
        /// Judgements in that study.
        public let practiceDone: Int
        public let testDone: Int
        public let lastSubmittedAt: String?
        public let disabled: Bool
        /// What the annotator's test answers give cause to look at (see IntegrityFlag).
        public let flags: [IntegrityFlag]
        /// The browser of their latest sign-in; nil before one.
        public let userAgent: String?
    }

    public let studies: [StudyLine]
    public let annotators: [AnnotatorProgress]
}
