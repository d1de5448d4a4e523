// AnnotationFlow: one simulated annotator: fetch, answer, repeat, as the page would.
import Foundation
import TestSupport

struct AnnotationFlow {
    let client: HTTPClient

    /// Answers every item the server hands out (category `answer(itemID)`), returning
    /// the uuids the server acknowledged with 200.
    func work(answer: (Int) -> Int = { _ in 0 }, batch: Int = 3, limit: Int = 1000) throws -> [String] {
        var acknowledged: [String] = []
        while acknowledged.count < limit {
            let next = try client.get("/api/next?count=\(batch)")
            guard next.status == 200 else { break }
            let items = next.array
            if items.isEmpty { break }
            for item in items {
                let itemID = item["item_id"] as! Int
                let uuid = UUID().uuidString.lowercased()
                let reply = try client.post("/api/judgements", json: [
                    "uuid": uuid, "item_id": itemID, "guesses": [answer(itemID)], "abstained": false, "response_ms": 700,
                ])
                if reply.status == 200 { acknowledged.append(uuid) } else { return acknowledged }
            }
        }
        return acknowledged
    }
}
