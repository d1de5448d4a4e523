// DenseNumberingTests: both lookup paths number ids 0, 1, 2, … in order and miss unknown ids.
import Testing
@testable import Analysis

@Suite struct DenseNumberingTests {
    @Test func nearlyContiguousIdsUseTheTable() {
        let numbering = DenseNumbering(sortedIDs: [5, 6, 9, 12])
        #expect([5, 6, 9, 12].map { numbering[$0] } == [0, 1, 2, 3])
        #expect([4, 7, 13, -1, Int64.max, Int64.min].map { numbering[$0] } == [nil, nil, nil, nil, nil, nil])
    }

    @Test func sparseIdsUseTheDictionary() {
        // A span of 10^12 over three ids: far too thin for a table.
        let numbering = DenseNumbering(sortedIDs: [-3, 7, 1_000_000_000_000])
        #expect([-3, 7, 1_000_000_000_000].map { numbering[$0] } == [0, 1, 2])
        #expect([0, 8, Int64.max].map { numbering[$0] } == [nil, nil, nil])
    }

    @Test func noIds() {
        #expect(DenseNumbering(sortedIDs: [])[0] == nil)
    }
}
