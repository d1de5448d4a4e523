// TrialLine: one JSON line of the per-trial export; unknown values are written as null.
import Storage
import StudyPhase

struct TrialLine: Encodable {
    /// One model's answer for the trial's item, best first; empty when it has no prediction.
    struct ModelAnswer: Encodable {
        let model: String
        let top: [RankedName]
    }

    struct RankedName: Encodable {
        let category: String
        let score: Double?

        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(category, forKey: .category)
            try container.encode(score, forKey: .score)
        }

        enum CodingKeys: String, CodingKey { case category, score }
    }

    /// What the picker showed on request during the trial, categories by name.
    struct Browsing: Encodable {
        let opened: [String]
        let searched: [String]
        let pinned: [String]
    }

    let uuid: String
    let itemID: Int64
    let itemSource: String
    let trueCategory: String
    let annotator: String
    let guesses: [String]
    let abstained: Bool
    let responseMilliseconds: Int?
    let shownAt: String?
    let submittedAt: String
    let phase: Phase
    let superseded: Bool
    /// Null for a trial whose page sent none.
    let browsing: Browsing?
    /// By export column name; null for a trial whose client sent no telemetry.
    let telemetry: [String: TrialTelemetry.ExportValue]?
    let models: [ModelAnswer]

    enum CodingKeys: String, CodingKey {
        case uuid, annotator, guesses, abstained, phase, superseded, browsing, telemetry, models
        case itemID = "item_id"
        case itemSource = "item_source"
        case trueCategory = "true_category"
        case responseMilliseconds = "response_ms"
        case shownAt = "shown_at"
        case submittedAt = "submitted_at"
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(uuid, forKey: .uuid)
        try container.encode(itemID, forKey: .itemID)
        try container.encode(itemSource, forKey: .itemSource)
        try container.encode(trueCategory, forKey: .trueCategory)
        try container.encode(annotator, forKey: .annotator)
        try container.encode(guesses, forKey: .guesses)
        try container.encode(abstained, forKey: .abstained)
        try container.encode(responseMilliseconds, forKey: .responseMilliseconds)
        try container.encode(shownAt, forKey: .shownAt)
        try container.encode(submittedAt, forKey: .submittedAt)
        try container.encode(phase, forKey: .phase)
        try container.encode(superseded, forKey: .superseded)
        try container.encode(browsing, forKey: .browsing)
        try container.encode(telemetry, forKey: .telemetry)
        try container.encode(models, forKey: .models)
    }
}
