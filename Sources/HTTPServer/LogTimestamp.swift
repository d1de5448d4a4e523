// LogTimestamp: an access-log line's time in ISO 8601 with milliseconds, UTC
// ("2026-12-01T17:26:06.123Z"). Foundation's formatter runs once per second of log; the
// milliseconds are appended by hand, since formatting every line was a measurable share
// of the polling thread's work (make bench).
import Foundation

struct LogTimestamp {
    private let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    /// The whole second last formatted, and its text up to and including the decimal point.
    private var second = Int64.min
    private var prefix = ""

    /// The text for `date`; milliseconds are truncated, as Foundation's formatter does.
    mutating func text(for date: Date) -> String {
        let milliseconds = Int64((date.timeIntervalSince1970 * 1000).rounded(.down))
        let (whole, fraction) = milliseconds.quotientAndRemainder(dividingBy: 1000)
        let (secondOfLine, millisecond) = fraction < 0 ? (whole - 1, fraction + 1000) : (whole, fraction)
        if secondOfLine != second {
            // ".000Z" ends the formatted whole second; keep what comes before its digits.
            let formatted = style.format(Date(timeIntervalSince1970: TimeInterval(secondOfLine)))
            prefix = String(formatted.dropLast(4))
            second = secondOfLine
        }
        let digits = String(millisecond)
        return prefix + String(repeating: "0", count: 3 - digits.count) + digits + "Z"
    }
}
