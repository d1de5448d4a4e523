// TimestampTests: the database's ISO 8601 text against hand-worked instants (checked with
// GNU date).
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
}
