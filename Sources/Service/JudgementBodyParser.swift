// JudgementBodyParser: reads the body of POST /api/judgements without JSONDecoder, whose
// generic machinery stood out in profiles of the judgement handler. It takes only the plain
// form the annotator page sends: one object of the known fields, integers without
// fraction or exponent, strings of printable ASCII without escapes. Anything else,
// valid or not, returns nil, and the caller falls back to JSONDecoder, which gives the
// same value or the same error it always did. So this never accepts what JSONDecoder
// would refuse, and never reads a value differently (Tests/ServiceTests compares them).
import Foundation
import Storage

struct JudgementBodyParser {
    private let bytes: [UInt8]
    private var position = 0

    static func parse(_ body: Data) -> JudgementSubmission? {
        var parser = JudgementBodyParser(bytes: [UInt8](body))
        return parser.submission()
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private mutating func submission() -> JudgementSubmission? {
        var uuid: String?, itemID: Int64?, guesses: [Int]?, abstained: Bool?, responseMs: Int?, shownAt: String?
        var seen = Set<String>()
        guard take(UInt8(ascii: "{")) else { return nil }
        if !take(UInt8(ascii: "}")) {
            repeat {
                guard let key = string(), seen.insert(key).inserted, take(UInt8(ascii: ":")) else { return nil }
                switch key {
                case "uuid": guard let value = string() else { return nil }; uuid = value
                case "item_id": guard let value = integer() else { return nil }; itemID = value
                case "guesses":
                    if !null() { guard let value = integerArray() else { return nil }; guesses = value }
                case "abstained":
                    if !null() { guard let value = boolean() else { return nil }; abstained = value }
                case "response_ms":
                    if !null() { guard let value = integer(), let fits = Int(exactly: value) else { return nil }; responseMs = fits }
                case "shown_at":
                    if !null() { guard let value = string() else { return nil }; shownAt = value }
                default: return nil
                }
            } while take(UInt8(ascii: ","))
            guard take(UInt8(ascii: "}")) else { return nil }
        }
        skipWhitespace()
        guard position == bytes.count, let uuid, let itemID else { return nil }
        return JudgementSubmission(uuid: uuid, itemID: itemID, guesses: guesses ?? [], abstained: abstained ?? false,
                                   responseMs: responseMs, shownAt: shownAt)
    }

    private mutating func skipWhitespace() {
        while position < bytes.count {
            switch bytes[position] {
            case 0x20, 0x09, 0x0A, 0x0D: position += 1
            default: return
            }
        }
    }

    /// Consumes `byte` (after whitespace) if it is next.
    private mutating func take(_ byte: UInt8) -> Bool {
        skipWhitespace()
        guard position < bytes.count, bytes[position] == byte else { return false }
        position += 1
        return true
    }

    private mutating func literal(_ word: StaticString) -> Bool {
        skipWhitespace()
        let expected = UnsafeBufferPointer(start: word.utf8Start, count: word.utf8CodeUnitCount)
        guard bytes.count - position >= expected.count, bytes[position..<position + expected.count].elementsEqual(expected) else { return false }
        position += expected.count
        return true
    }

    private mutating func null() -> Bool { literal("null") }

    private mutating func boolean() -> Bool? {
        if literal("true") { return true }
        if literal("false") { return false }
        return nil
    }

    private mutating func string() -> String? {
        guard take(UInt8(ascii: "\"")) else { return nil }
        let start = position
        while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
            // Escapes, control characters and non-ASCII are JSONDecoder's to judge.
            guard (0x20..<0x7F).contains(bytes[position]), bytes[position] != UInt8(ascii: "\\") else { return nil }
            position += 1
        }
        guard position < bytes.count else { return nil }
        position += 1
        return String(decoding: bytes[start..<position - 1], as: UTF8.self)
    }

    /// JSON's integer grammar, -?(0|[1-9][0-9]*), with no fraction or exponent after it.
    private mutating func integer() -> Int64? {
        skipWhitespace()
        let negative = position < bytes.count && bytes[position] == UInt8(ascii: "-")
        if negative { position += 1 }
        let start = position
        var magnitude: Int64 = 0
        while position < bytes.count, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(bytes[position]) {
            let digit = Int64(bytes[position] - UInt8(ascii: "0"))
            let (times10, overflowed) = magnitude.multipliedReportingOverflow(by: 10)
            let (sum, overflowedAgain) = times10.addingReportingOverflow(digit)
            guard !overflowed, !overflowedAgain else { return nil }  // JSONDecoder decides near Int64's limits
            magnitude = sum
            position += 1
        }
        let digits = position - start
        guard digits > 0, digits == 1 || bytes[start] != UInt8(ascii: "0") else { return nil }
        if position < bytes.count, bytes[position] == UInt8(ascii: ".") || bytes[position] | 0x20 == UInt8(ascii: "e") { return nil }
        return negative ? -magnitude : magnitude
    }

    private mutating func integerArray() -> [Int]? {
        guard take(UInt8(ascii: "[")) else { return nil }
        var values: [Int] = []
        if take(UInt8(ascii: "]")) { return values }
        repeat {
            guard let value = integer(), let fits = Int(exactly: value) else { return nil }
            values.append(fits)
        } while take(UInt8(ascii: ","))
        return take(UInt8(ascii: "]")) ? values : nil
    }
}
