// Timestamp: the one text form of instants in the database (ISO 8601, UTC, milliseconds,
// e.g. 2026-11-23T09:41:07.250Z). Fractions of a millisecond are dropped (rounded down),
// as Foundation's ISO 8601 format style does; the writer formats several of these per
// judgement, and that style cost more than the SQL around it, so the text is built here
// from gmtime_r's fields.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum Timestamp {
    public static func now() -> String { string(from: Date()) }

    public static func string(from date: Date) -> String {
        let since = date.timeIntervalSince1970
        let wholeSeconds = since.rounded(.down)
        var seconds = time_t(wholeSeconds)
        let milliseconds = min(999, Int(((since - wholeSeconds) * 1000).rounded(.down)))
        var fields = tm()
        gmtime_r(&seconds, &fields)
        var text = [UInt8]()
        text.reserveCapacity(24)
        func digits(_ value: Int, _ width: Int) {
            var divisor = 1
            for _ in 1..<width { divisor *= 10 }
            while divisor > 0 {
                text.append(UInt8(truncatingIfNeeded: 0x30 + (value / divisor) % 10))
                divisor /= 10
            }
        }
        digits(Int(fields.tm_year) + 1900, 4)
        text.append(0x2D)  // -
        digits(Int(fields.tm_mon) + 1, 2)
        text.append(0x2D)
        digits(Int(fields.tm_mday), 2)
        text.append(0x54)  // T
        digits(Int(fields.tm_hour), 2)
        text.append(0x3A)  // :
        digits(Int(fields.tm_min), 2)
        text.append(0x3A)
        digits(Int(fields.tm_sec), 2)
        text.append(0x2E)  // .
        digits(milliseconds, 3)
        text.append(0x5A)  // Z
        return String(decoding: text, as: UTF8.self)
    }
}
