// ConfusionMatrixTests: counting (truth, answer) pairs into rows and columns.
import Testing
@testable import Analysis

@Suite struct ConfusionMatrixTests {
    @Test func countsPairsRowsTrueColumnsAnswered() {
        let matrix = ConfusionMatrix(
            categoryCount: 2, pairs: [(truth: 0, answer: 0), (truth: 0, answer: 1), (truth: 1, answer: 0), (truth: 0, answer: 1)])
        #expect(matrix.counts == [[1, 2], [1, 0]])
    }

    @Test func skipsIndicesOutsideTheCategoryList() {
        let matrix = ConfusionMatrix(categoryCount: 2, pairs: [(truth: 0, answer: 5), (truth: -1, answer: 0), (truth: 1, answer: 1)])
        #expect(matrix.counts == [[0, 0], [0, 1]])
    }
}
