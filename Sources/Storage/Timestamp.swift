// Timestamp: the one text form of instants in the database (ISO 8601, UTC, milliseconds).
import Foundation

public enum Timestamp {
    public static func now() -> String { string(from: Date()) }

    public static func string(from date: Date) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash)
                .time(includingFractionalSeconds: true).timeSeparator(.colon)
                .timeZone(separator: .omitted))
    }
}
