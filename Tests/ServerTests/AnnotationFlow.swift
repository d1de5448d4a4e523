// AnnotationFlow: one simulated annotator: fetch, answer, repeat, as the page would.
import Foundation
import TestSupport

struct AnnotationFlow {
    let client: HTTPClient

    /// Answers every item the server hands out (category `answer(itemID)`), returning the
    /// uuids the server acknowledged with 200; `acknowledged` hears of each one as it comes.
    /// Stops at the first refusal or failed connection (a stopped server), keeping what
    /// was acknowledged before it.
    func work(answer: (String) -> Int = { _ in 0 }, batch: Int = 3, acknowledged notify: (String) -> Void = { _ in }) -> [String] {
        var acknowledged: [String] = []
        do {
            try annotate(answer: answer, batch: batch) { uuid in
                acknowledged.append(uuid)
                notify(uuid)
            }
        } catch {}
        return acknowledged
    }

    private func annotate(answer: (String) -> Int, batch: Int, acknowledged: (String) -> Void) throws {
        while true {
            let next = try client.lease(count: batch)
            guard next.status == 200, !next.array.isEmpty else { return }
            for item in next.array {
                let itemID = item["item_id"] as! String
                let uuid = UUID().uuidString.lowercased()
                let reply = try client.post("/api/judgements", json: [
                    "uuid": uuid, "item_id": itemID, "guesses": [answer(itemID)], "abstained": false, "response_ms": 700,
                ])
                guard reply.status == 200 else { return }
                acknowledged(uuid)
            }
        }
    }
}
