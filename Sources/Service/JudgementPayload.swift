// JudgementPayload: the body of POST /api/judgements. Names are spelt as WireJSON's
// snake_case conversion reads them back (`item_id` is `itemId`).
import Storage

struct JudgementPayload: Decodable {
    let uuid: String
    /// The handle its assignment gave.
    let itemId: String
    let guesses: [Int]?
    let abstained: Bool?
    let responseMs: Int?
    let shownAt: String?
    let telemetry: TelemetryPayload?
    /// What the picker showed on request during the trial (see TrialBrowsing).
    let browsing: TrialBrowsing?

    var submission: JudgementSubmission {
        JudgementSubmission(uuid: uuid, item: itemId, guesses: guesses ?? [], abstained: abstained ?? false,
                            responseMs: responseMs, shownAt: shownAt, telemetry: telemetry?.telemetry,
                            browsing: browsing)
    }
}
