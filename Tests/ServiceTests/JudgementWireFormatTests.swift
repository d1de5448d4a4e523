// JudgementWireFormatTests: the hand-written reader of judgement bodies and writer of
// receipts against Foundation's JSONDecoder and JSONEncoder, the reference they replace.
// The reader may decline any body (the route then uses JSONDecoder), but what it accepts
// must decode to exactly what JSONDecoder gives; the receipt's bytes must be JSONEncoder's.
import Foundation
import HTTPServer
import SeededRandom
@testable import Service
import Storage
import Testing

@Suite struct JudgementWireFormatTests {
    /// A body as the annotator page writes it, with fields in a random order, random
    /// spacing, and optional fields present, null or left out.
    func plainBody(_ random: inout SplitMix64) -> String {
        func space() -> String { ["", " ", "\n  ", "\t"][random.uniform(below: 4)] }
        var fields = ["\"uuid\":\(space())\"\(UUID().uuidString)\"", "\"item_id\":\(space())\(random.uniform(below: 100_000) - 5)"]
        let guesses = (0..<random.uniform(below: 4)).map { _ in String(random.uniform(below: 12)) }
        switch random.uniform(below: 3) {
        case 0: fields.append("\"guesses\":[\(guesses.joined(separator: ",\(space())"))]")
        case 1: fields.append("\"guesses\":null")
        default: break
        }
        switch random.uniform(below: 4) {
        case 0: fields.append("\"abstained\":true")
        case 1: fields.append("\"abstained\":false")
        case 2: fields.append("\"abstained\":null")
        default: break
        }
        if random.uniform(below: 2) == 0 { fields.append("\"response_ms\":\(random.uniform(below: 2) == 0 ? "null" : String(random.uniform(below: 60_000)))") }
        if random.uniform(below: 2) == 0 { fields.append("\"shown_at\":\"2026-11-23T10:0\(random.uniform(below: 10)):00.000Z\"") }
        fields.shuffle(using: &random)
        return "\(space()){\(space())\(fields.joined(separator: "\(space()),\(space())"))\(space())}\(space())"
    }

    /// `body` changed in one of the ways a client, a proxy or an attacker might.
    func damaged(_ body: String, _ random: inout SplitMix64) -> String {
        var bytes = Array(body.utf8)
        switch random.uniform(below: 9) {
        case 0: bytes.removeLast(random.uniform(below: bytes.count) + 1)  // truncated
        case 1: bytes[random.uniform(below: bytes.count)] = UInt8(random.uniform(below: 256))  // any byte
        case 2: return body.replacingOccurrences(of: "\"item_id\":", with: "\"item_id\":0")  // leading zero
        case 3: return body.replacingOccurrences(of: "{", with: "{\"extra\":1,")  // unknown field
        case 4: return body.replacingOccurrences(of: "{", with: "{\"item_id\":7,")  // duplicate field
        case 5: return body.replacingOccurrences(of: "\"uuid\":", with: "\"uuid\":\"\\u0041\" ,\"x\":")  // escape
        case 6: return body.replacingOccurrences(of: "\"item_id\":", with: "\"item_id\":9223372036854775807")  // beyond Int64
        case 7: return body.replacingOccurrences(of: "}", with: ".5}")  // a fraction somewhere
        default: return body.replacingOccurrences(of: "true", with: "1")  // a number for a Bool
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    @Test func theReaderAcceptsPlainBodiesAndNeverDisagreesWithJSONDecoder() throws {
        var random = SplitMix64(seed: 2026)
        var accepted = 0, declined = 0
        for round in 0..<4000 {
            let plain = plainBody(&random)
            let body = round % 2 == 0 ? plain : damaged(plain, &random)
            let ours = JudgementBodyParser.parse(Data(body.utf8))
            let reference = try? JSONDecoder().decode(JudgementSubmission.self, from: Data(body.utf8))
            if round % 2 == 0 {
                // Every plain body takes the fast path, so the comparison below is not vacuous.
                #expect(ours != nil, "declined a plain body: \(body)")
            }
            if let ours {
                accepted += 1
                #expect(ours == reference, "\(body): ours \(ours), JSONDecoder \(String(describing: reference))")
            } else {
                declined += 1
            }
        }
        #expect(accepted > 2000 && declined > 500, "\(accepted) accepted, \(declined) declined")
    }

    @Test func theReaderDeclinesWhatJSONDecoderRefusesOrReadsDifferently() {
        let uuid = UUID().uuidString
        for body in ["", "{}", "[]", "{\"uuid\":\"\(uuid)\"}", "{\"uuid\":\"\(uuid)\",\"item_id\":1,}",
                     "{\"uuid\":\"\(uuid)\",\"item_id\":1} {}", "{\"uuid\":\"\(uuid)\",\"item_id\":-}",
                     "{\"uuid\":\"\(uuid)\",\"item_id\":1,\"guesses\":[1,]}", "{\"uuid\":\"\(uuid)\",\"item_id\":1e2}",
                     "{\"uuid\":\"\(uuid)\",\"item_id\":1,\"shown_at\":\"é\"}", "{\"uuid\":\"\(uuid)\",\"item_id\":1,\"abstained\":tru}"] {
            #expect(JudgementBodyParser.parse(Data(body.utf8)) == nil, "accepted \(body)")
        }
        // -0 is 0 to both.
        let zero = "{\"uuid\":\"\(uuid)\",\"item_id\":-0}"
        #expect(JudgementBodyParser.parse(Data(zero.utf8)) == JudgementSubmission(uuid: uuid, itemID: 0, guesses: []))
    }

    @Test func receiptBytesAreJSONEncodersByteForByte() throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var random = SplitMix64(seed: 7)
        let awkward = ["plain", "a/b", "quote \" and \\ backslash", "\n\t\r\u{8}\u{c}", "\u{1}\u{1f}\u{7f}", "é€😀", "\u{2028}"]
        for round in 0..<500 {
            let practice = round % 2 == 0
            let receipt = JudgementReceipt(uuid: awkward[random.uniform(below: awkward.count)], itemID: Int64(random.uniform(below: 1000)) - 500,
                                           phase: awkward[random.uniform(below: awkward.count)],
                                           submittedAt: awkward[random.uniform(below: awkward.count)],
                                           correct: practice ? random.uniform(below: 2) == 0 : nil,
                                           trueCategory: practice ? random.uniform(below: 10) : nil)
            let ours = String(decoding: ReceiptJSON.data(receipt), as: UTF8.self)
            let reference = String(decoding: try encoder.encode(receipt), as: UTF8.self)
            #expect(ours == reference)
        }
    }
}
