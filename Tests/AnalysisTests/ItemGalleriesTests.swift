// ItemGalleriesTests: the three galleries of ExampleDataset's report, worked out from its table.
import Foundation
import Testing
@testable import Analysis

@Suite struct ItemGalleriesTests {
    let galleries = ExampleDataset.report().galleries

    @Test func everyHumanWrongIsItemFourOnly() {
        // Item 1: A right. Item 2: B right. Item 3: A right. Item 4: A [0], C [2], B [0], truth 1: all wrong.
        #expect(galleries.allHumansWrong.count == 1)
        #expect(galleries.allHumansWrong.items == [
            GalleryItem(itemID: 4, trueCategory: 1, humanGuesses: [[0, 1], [2, 0], [0]], modelRanking: nil),
        ])
    }

    @Test func modelRightHumansWrongIsEmpty() {
        // "net" is right on item 1 only, where the majority (0) is right too.
        #expect(galleries.modelRightHumansWrong == Gallery(count: 0, items: []))
    }

    @Test func humansRightModelWrongIsItemThree() {
        // Item 3: majority 1 (A; B abstained, A's superseded [2] ignored) is right, "net" says 0.
        // Item 2's majority is wrong (tie goes to 1), so it does not qualify.
        #expect(galleries.humansRightModelWrong == Gallery(count: 1, items: [
            GalleryItem(itemID: 3, trueCategory: 1, humanGuesses: [[1]], modelRanking: [0, 1]),
        ]))
    }

    @Test func galleriesAreCappedButCountEverything() {
        // 30 items of category 0, each judged once with answer 1: all 30 are "every human wrong".
        let truths = (1...30).map { ItemTruth(itemID: Int64($0), trueCategory: 0) }
        let trials = (1...30).map { Trial(itemID: Int64($0), annotatorID: 1, guesses: [1], sequence: Int64($0)) }
        let report = ReportBuilder(datasetName: "d", categories: ["a", "b"], settings: AnalysisSettings(maxGuesses: 1),
                                   truths: truths, trials: trials).makeReport(generatedAt: Date())
        #expect(report.galleries.allHumansWrong.count == 30)
        #expect(report.galleries.allHumansWrong.items.map(\.itemID) == (1...24).map(Int64.init))
    }
}
