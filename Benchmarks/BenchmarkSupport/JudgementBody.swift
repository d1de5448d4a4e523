// JudgementBody: the POST /api/judgements body the load clients send, written directly as
// JSON text: JSONSerialization took a large share of the machine's CPU (perf) in the
// judgement benchmark, CPU the server under test then did not get.
import Foundation

/// A fresh judgement of `item` guessing category `item % 10`.
public func judgementBody(item: Int) -> Data {
    Data(#"{"uuid":"\#(UUID().uuidString)","item_id":\#(item),"guesses":[\#(item % 10)],"abstained":false,"response_ms":900}"#.utf8)
}
