// LogTimestampTests: the access log's hand-appended milliseconds read the same as
// Foundation's ISO 8601 formatter for every instant, whether the second's text is fresh
// or reused; three instants are checked against Python's datetime by hand.
@testable import HTTPServer
import Foundation
import SeededRandom
import Testing

@Suite struct LogTimestampTests {
    @Test func instantsWorkedOutWithPythonsDatetime() {
        var timestamp = LogTimestamp()
        // datetime.fromtimestamp(t, timezone.utc).isoformat(timespec='milliseconds')
        #expect(timestamp.text(for: Date(timeIntervalSince1970: 1_764_610_000.5)) == "2025-12-01T17:26:40.500Z")
        #expect(timestamp.text(for: Date(timeIntervalSince1970: 0.001)) == "1970-01-01T00:00:00.001Z")
        #expect(timestamp.text(for: Date(timeIntervalSince1970: -0.25)) == "1969-12-31T23:59:59.750Z")
    }

    @Test func agreesWithFoundationsFormatterAcrossSecondsAndWithinThem() {
        let reference = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
        var timestamp = LogTimestamp()
        var random = SplitMix64(seed: 20261201)
        var instant = 1_764_610_000.0
        for _ in 0..<5_000 {
            // Mostly small steps (the same second's text reused), now and then a jump.
            instant += Int.random(in: 0..<10, using: &random) == 0 ? Double(Int.random(in: 0..<100_000, using: &random))
                : Double(Int.random(in: 0..<400_000, using: &random)) / 1_000_000
            let date = Date(timeIntervalSince1970: instant)
            #expect(timestamp.text(for: date) == reference.format(date))
        }
    }
}
