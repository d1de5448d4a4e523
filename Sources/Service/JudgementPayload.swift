// JudgementPayload: the body of POST /api/judgements. Names are spelt as WireJSON's
// snake_case conversion reads them back (`item_id` is `itemId`).
import Storage

struct JudgementPayload: Decodable {
    let uuid: String
    let itemId: Int64
    let guesses: [Int]?
    let abstained: Bool?
    let responseMs: Int?
    let shownAt: String?
    let telemetry: TelemetryPayload?

    var submission: JudgementSubmission {
        JudgementSubmission(uuid: uuid, itemID: itemId, guesses: guesses ?? [], abstained: abstained ?? false,
                            responseMs: responseMs, shownAt: shownAt, telemetry: telemetry?.telemetry)
    }
}
