// StudyProgress: the admin's view of how far each dataset and annotator has come.
public struct StudyProgress: Encodable, Sendable, Equatable {
    public struct DatasetProgress: Encodable, Sendable, Equatable {
        public let name: String
        public let testItems: Int
        public let judgementsPerItem: Int
        public let testJudgements: Int
        public let completeItems: Int
    }

    public struct AnnotatorProgress: Encodable, Sendable, Equatable {
        public let name: String
        public let dataset: String?
        public let practiceDone: Int
        public let testDone: Int
        public let lastSubmittedAt: String?
        public let disabled: Bool
        /// What the annotator's test answers give cause to look at (see IntegrityFlag).
        public let flags: [IntegrityFlag]
        /// The browser of their latest sign-in; nil before one.
        public let userAgent: String?
    }

    public let datasets: [DatasetProgress]
    public let annotators: [AnnotatorProgress]
}
