// JSONTextTests: the id lists the writer binds are the text JSONEncoder writes for them,
// and SQLite's json_each reads them back as the values they came from.
import Foundation
import GRDB
@testable import Storage
import Testing

@Suite struct JSONTextTests {
    @Test func integersAreWhatJSONEncoderWrites() throws {
        for values: [Int64] in [[], [0], [3, 1], [-7, Int64.max, Int64.min, 42]] {
            #expect(JSONText.integers(values) == (try JSONText.encode(values)))
        }
    }

    @Test func sqliteReadsTheListBack() throws {
        let queue = try DatabaseQueue()
        try queue.read { db in
            let ids: [Int64] = [5, -2, 9_007_199_254_740_993]
            let read = try Int64.fetchAll(db, sql: "SELECT value FROM json_each(?) ORDER BY key", arguments: [JSONText.integers(ids)])
            #expect(read == ids)
        }
    }
}
