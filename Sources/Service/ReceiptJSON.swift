// ReceiptJSON: a judgement's receipt as the bytes `Response.json` would send, written
// field by field (keys in sorted order, practice-only fields left out when absent),
// because it is sent once per judgement and JSONEncoder stood out in the handler's profile.
import Foundation
import HTTPServer
import Storage

enum ReceiptJSON {
    static func data(_ receipt: JudgementReceipt) -> Data {
        var writer = JSONObjectWriter()
        writer.field("correct", receipt.correct)
        writer.field("item_id", receipt.itemID)
        writer.field("phase", receipt.phase)
        writer.field("submitted_at", receipt.submittedAt)
        writer.field("true_category", receipt.trueCategory)
        writer.field("uuid", receipt.uuid)
        return writer.data()
    }
}
