// MedianTests: middle value of odd and even lists.
import Testing
@testable import Analysis

@Suite struct MedianTests {
    @Test func oddCountTakesTheMiddle() {
        #expect(Median.of([3000, 1000, 2000]) == 2000)
    }

    @Test func evenCountAveragesTheTwoMiddles() {
        // sorted [1, 2, 4, 10] → (2 + 4)/2 = 3
        #expect(Median.of([10, 2, 4, 1]) == 3)
    }

    @Test func emptyIsUnknown() {
        #expect(Median.of([Int]()) == nil)
        #expect(Median.of([Double]()) == nil)
    }

    @Test func realNumbersToo() {
        // The median annotator's error: sorted [0.1, 0.25, 0.5] → 0.25; [0.1, 0.2] → 0.15.
        #expect(Median.of([0.5, 0.1, 0.25]) == 0.25)
        #expect(isClose(Median.of([0.2, 0.1]), 0.15))
    }
}
