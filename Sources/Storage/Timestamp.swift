// Timestamp: the one text form of instants in the database (ISO 8601, UTC, milliseconds,
// e.g. 2026-11-23T09:41:07.250Z), as Foundation's ISO 8601 style writes it. Text of this
// one width sorts as time does, so SQL compares instants as strings.
import Foundation

public enum Timestamp {
    private static let style = Date.ISO8601FormatStyle(includingFractionalSeconds: true)

    public static func now() -> String { string(from: Date()) }

    public static func string(from date: Date) -> String { style.format(date) }

    /// The instant a stored timestamp names; nil for text that is not one.
    public static func date(from text: String) -> Date? { try? style.parse(text) }
}
