// DatasetSettings: the protocol an annotator follows on one dataset.
import GRDB

public struct DatasetSettings: Codable, Sendable, Equatable {
    public var judgementsPerItem: Int
    public var maxGuesses: Int
    /// nil: the image stays until the answer.
    public var exposureMs: Int?
    /// nil: every practice item comes before the test phase.
    public var practiceCount: Int?

    public init(judgementsPerItem: Int = 3, maxGuesses: Int = 1, exposureMs: Int? = nil, practiceCount: Int? = nil) {
        self.judgementsPerItem = judgementsPerItem
        self.maxGuesses = maxGuesses
        self.exposureMs = exposureMs
        self.practiceCount = practiceCount
    }

    enum CodingKeys: CodingKey {
        case judgementsPerItem, maxGuesses, exposureMs, practiceCount
    }

    /// From a row with the dataset table's column names.
    init(row: Row) {
        self.init(judgementsPerItem: row["judgements_per_item"], maxGuesses: row["max_guesses"],
                  exposureMs: row["exposure_ms"], practiceCount: row["practice_count"])
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let defaults = DatasetSettings()
        judgementsPerItem = try container.decodeIfPresent(Int.self, forKey: .judgementsPerItem) ?? defaults.judgementsPerItem
        maxGuesses = try container.decodeIfPresent(Int.self, forKey: .maxGuesses) ?? defaults.maxGuesses
        exposureMs = try container.decodeIfPresent(Int.self, forKey: .exposureMs)
        practiceCount = try container.decodeIfPresent(Int.self, forKey: .practiceCount)
    }

    // Written out because synthesized encoding drops nil keys; "no exposure limit" must read as null.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(judgementsPerItem, forKey: .judgementsPerItem)
        try container.encode(maxGuesses, forKey: .maxGuesses)
        try container.encode(exposureMs, forKey: .exposureMs)
        try container.encode(practiceCount, forKey: .practiceCount)
    }

    /// The first rule this violates, or nil when the settings are usable.
    public var problem: String? {
        if judgementsPerItem < 1 { return "judgements_per_item must be at least 1" }
        if !(1...10).contains(maxGuesses) { return "max_guesses must be between 1 and 10" }
        if let exposureMs, exposureMs <= 0 { return "exposure_ms must be positive" }
        if let practiceCount, practiceCount < 0 { return "practice_count must not be negative" }
        return nil
    }
}
