// JudgementBody: the POST /api/judgements body the load clients send.
import Foundation

public struct JudgementBody: Encodable {
    let uuid = UUID().uuidString
    let itemID: Int
    let guesses: [Int]
    let responseMs = 900

    /// A fresh judgement of `item` guessing category `item % 10`.
    public static func data(item: Int) -> Data {
        (try? JSONEncoder().encode(JudgementBody(itemID: item, guesses: [item % 10]))) ?? Data()
    }

    enum CodingKeys: String, CodingKey {
        case uuid, guesses
        case itemID = "item_id"
        case responseMs = "response_ms"
    }
}
