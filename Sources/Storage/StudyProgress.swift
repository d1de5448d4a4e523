// StudyProgress: the admin's view of how far each dataset and annotator has come.
public struct StudyProgress: Codable, Sendable, Equatable {
    public struct DatasetProgress: Codable, Sendable, Equatable {
        public let name: String
        public let testItems: Int
        public let judgementsPerItem: Int
        public let testJudgements: Int
        public let completeItems: Int

        enum CodingKeys: String, CodingKey {
            case name
            case testItems = "test_items"
            case judgementsPerItem = "judgements_per_item"
            case testJudgements = "test_judgements"
            case completeItems = "complete_items"
        }
    }

    public struct AnnotatorProgress: Codable, Sendable, Equatable {
        public let name: String
        public let dataset: String?
        public let practiceDone: Int
        public let testDone: Int
        public let lastSubmittedAt: String?
        public let disabled: Bool

        enum CodingKeys: String, CodingKey {
            case name, dataset, disabled
            case practiceDone = "practice_done"
            case testDone = "test_done"
            case lastSubmittedAt = "last_submitted_at"
        }
    }

    public let datasets: [DatasetProgress]
    public let annotators: [AnnotatorProgress]
}
