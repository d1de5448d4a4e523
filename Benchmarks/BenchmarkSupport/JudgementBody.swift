// JudgementBody: the POST /api/judgements body the load clients send.
import Foundation

public struct JudgementBody: Encodable {
    let uuid = UUID().uuidString
    /// The item's handle, as its lease named it.
    let itemID: String
    let guesses: [Int]
    let responseMs = 900

    /// A fresh judgement of `item` (a handle) guessing category `guess`.
    public static func data(item: String, guess: Int) -> Data {
        (try? JSONEncoder().encode(JudgementBody(itemID: item, guesses: [guess]))) ?? Data()
    }

    enum CodingKeys: String, CodingKey {
        case uuid, guesses
        case itemID = "item_id"
        case responseMs = "response_ms"
    }
}
