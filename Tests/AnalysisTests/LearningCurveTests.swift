// LearningCurveTests: blocks of consecutive judgements and their error.
import Testing
@testable import Analysis

@Suite struct LearningCurveTests {
    @Test func splitsIntoBlocksWithAShortLastOne() {
        // wrong, wrong, right | right, wrong, right | right → 2/3, 1/3, 0/1
        let blocks = LearningCurve.blocks(wrong: [true, true, false, false, true, false, false], blockSize: 3)
        #expect(blocks == [
            Proportion(count: 2, total: 3), Proportion(count: 1, total: 3), Proportion(count: 0, total: 1),
        ])
    }

    @Test func noJudgementsNoBlocks() {
        #expect(LearningCurve.blocks(wrong: [], blockSize: 20).isEmpty)
    }
}
