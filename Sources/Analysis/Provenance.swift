// Provenance: what a report was computed from and by, so a figure can be traced and redone:
// the software and its commit, the study and its protocol, the dataset's source and licence.
public struct Provenance: Sendable, Equatable, Encodable {
    /// The protocol as the study fixed it (frozen at its first test judgement).
    public struct StudyProtocol: Sendable, Equatable, Encodable {
        public var judgementsPerItem: Int
        public var maxGuesses: Int
        /// nil: the image stays until the answer.
        public var exposureMilliseconds: Int?
        /// nil: every practice item.
        public var practiceCount: Int?
        public var practicePass: Double?
        public var quota: Int?
        public var catchRate: Double
        public var catchSource: String
        public var assignmentOrder: String
        public var frozenAt: String?

        public init(judgementsPerItem: Int, maxGuesses: Int, exposureMilliseconds: Int?, practiceCount: Int?, practicePass: Double?,
                    quota: Int?, catchRate: Double, catchSource: String, assignmentOrder: String, frozenAt: String?) {
            self.judgementsPerItem = judgementsPerItem
            self.maxGuesses = maxGuesses
            self.exposureMilliseconds = exposureMilliseconds
            self.practiceCount = practiceCount
            self.practicePass = practicePass
            self.quota = quota
            self.catchRate = catchRate
            self.catchSource = catchSource
            self.assignmentOrder = assignmentOrder
            self.frozenAt = frozenAt
        }

        enum CodingKeys: String, CodingKey {
            case judgementsPerItem = "judgements_per_item"
            case maxGuesses = "max_guesses"
            case exposureMilliseconds = "exposure_ms"
            case practiceCount = "practice_count"
            case practicePass = "practice_pass"
            case quota
            case catchRate = "catch_rate"
            case catchSource = "catch_source"
            case assignmentOrder = "assignment_order"
            case frozenAt = "frozen_at"
        }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(judgementsPerItem, forKey: .judgementsPerItem)
            try container.encode(maxGuesses, forKey: .maxGuesses)
            try container.encode(exposureMilliseconds, forKey: .exposureMilliseconds)
            try container.encode(practiceCount, forKey: .practiceCount)
            try container.encode(practicePass, forKey: .practicePass)
            try container.encode(quota, forKey: .quota)
            try container.encode(catchRate, forKey: .catchRate)
            try container.encode(catchSource, forKey: .catchSource)
            try container.encode(assignmentOrder, forKey: .assignmentOrder)
            try container.encode(frozenAt, forKey: .frozenAt)
        }
    }

    /// "refhuman 1.1.0 (commit …)".
    public var software: String
    public var study: String
    public var studyProtocol: StudyProtocol
    /// Where the dataset came from and under what licence, as its import recorded them.
    public var datasetSource: String
    public var datasetLicence: String

    public init(software: String, study: String, studyProtocol: StudyProtocol, datasetSource: String, datasetLicence: String) {
        self.software = software
        self.study = study
        self.studyProtocol = studyProtocol
        self.datasetSource = datasetSource
        self.datasetLicence = datasetLicence
    }

    enum CodingKeys: String, CodingKey {
        case software, study
        case studyProtocol = "protocol"
        case datasetSource = "dataset_source"
        case datasetLicence = "dataset_licence"
    }
}
