// TimestampTests: the hand-built ISO 8601 text against hand-worked instants (checked with
// GNU date) and against Foundation's ISO 8601 format style, which it replaces.
import Foundation
@testable import Storage
import Testing

@Suite struct TimestampTests {
    @Test(arguments: [
        (0.0, "1970-01-01T00:00:00.000Z"),
        (951_782_400.5, "2000-02-29T00:00:00.500Z"),  // a leap day; `date -u -d @951782400.5`
        (-1.0, "1969-12-31T23:59:59.000Z"),
        (-0.5, "1969-12-31T23:59:59.500Z"),
        (1_795_425_667.9996, "2026-11-23T09:21:07.999Z"),  // a fraction of a millisecond is dropped
        (4_102_444_799.25, "2099-12-31T23:59:59.250Z"),
    ])
    func knownInstants(seconds: Double, text: String) {
        #expect(Timestamp.string(from: Date(timeIntervalSince1970: seconds)) == text)
    }

    @Test func agreesWithFoundationsISO8601Style() {
        let foundation = Date.ISO8601FormatStyle().year().month().day().dateSeparator(.dash)
            .time(includingFractionalSeconds: true).timeSeparator(.colon).timeZone(separator: .omitted)
        var generator = SystemRandomNumberGenerator()
        var mismatches: [String] = []
        for _ in 0..<20_000 {
            // Whole milliseconds (as Date() mostly gives near now) and arbitrary fractions, 1970–2100.
            let milliseconds = Double(Int64.random(in: 0..<4_102_444_800_000, using: &generator))
            for seconds in [milliseconds / 1000, milliseconds / 1000 + Double.random(in: 0..<0.001, using: &generator)] {
                let date = Date(timeIntervalSince1970: seconds)
                let ours = Timestamp.string(from: date), theirs = date.formatted(foundation)
                if ours != theirs { mismatches.append("\(seconds): \(ours) vs \(theirs)") }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.count) differ, e.g. \(mismatches.prefix(3))")
    }
}
