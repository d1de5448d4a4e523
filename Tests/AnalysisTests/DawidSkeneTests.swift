// DawidSkeneTests: Dawid–Skene EM by hand on tiny studies and against crowd-kit on a simulated one.
import Testing
@testable import Analysis

@Suite struct DawidSkeneTests {
    /// Two categories, six items (truth 0, 0, 0, 1, 1, 1); annotators 0 and 1 always right,
    /// annotator 2 always gives the other category.
    static let oneAnnotatorAlwaysWrong: [DawidSkene.Judgement] = (0..<6).flatMap { item in
        let truth = item < 3 ? 0 : 1
        return [
            DawidSkene.Judgement(annotator: 0, item: item, category: truth),
            DawidSkene.Judgement(annotator: 1, item: item, category: truth),
            DawidSkene.Judgement(annotator: 2, item: item, category: 1 - truth),
        ]
    }

    @Test func firstIterationByHand() throws {
        // Majority-vote start: q = (2/3, 1/3) on truth-0 items, (1/3, 2/3) on truth-1 items; priors ½, ½.
        // M-step, annotator 0 (or 1), truth row 0: said 0 on the truth-0 items (3 · 2/3 = 2) and
        //   1 on the truth-1 items (3 · 1/3 = 1) → (2/3, 1/3); truth row 1 → (1/3, 2/3).
        // Annotator 2, truth row 0: said 1 on truth-0 items (2), 0 on truth-1 items (1) → (1/3, 2/3).
        // E-step on a truth-0 item (votes 0, 0, 1):
        //   truth 0: ½ · 2/3 · 2/3 · 2/3 = 4/27;  truth 1: ½ · 1/3 · 1/3 · 1/3 = 1/54
        //   q_0 = (8/54) / (9/54) = 8/9
        let estimate = DawidSkene.estimate(
            judgements: Self.oneAnnotatorAlwaysWrong, annotatorCount: 3, itemCount: 6, categoryCount: 2, iterationLimit: 1)
        #expect(estimate.iterations == 1)
        #expect(!estimate.converged)
        #expect(isClose(estimate.posteriors[0][0], 8.0 / 9.0))
        #expect(isClose(estimate.posteriors[5][1], 8.0 / 9.0))
        // The M-step after it: annotator 2, truth row 0 = (3 · 1/9, 3 · 8/9) / 3 = (1/9, 8/9).
        let annotator2 = try #require(estimate.confusionMatrices[2])
        #expect(isClose(annotator2[0][0], 1.0 / 9.0))
        #expect(isClose(annotator2[0][1], 8.0 / 9.0))
    }

    @Test func convergesOnTheAlwaysWrongAnnotator() throws {
        let estimate = DawidSkene.estimate(judgements: Self.oneAnnotatorAlwaysWrong, annotatorCount: 3, itemCount: 6, categoryCount: 2)
        #expect(estimate.converged)
        #expect(estimate.labels == [0, 0, 0, 1, 1, 1])
        #expect(isClose(estimate.classPriors[0], 0.5, tolerance: 1e-9))
        let faithful = try #require(estimate.confusionMatrices[0])
        let contrary = try #require(estimate.confusionMatrices[2])
        for truth in 0..<2 {
            #expect(isClose(faithful[truth][truth], 1, tolerance: 1e-6))
            #expect(isClose(contrary[truth][1 - truth], 1, tolerance: 1e-6))
            #expect(isClose(faithful[truth].reduce(0, +), 1))
        }
    }

    @Test func exactTieGoesToTheLowestCategory() {
        // One item, annotator 0 says 1 and annotator 1 says 0: everything is symmetric, q = (½, ½).
        for (first, second) in [(1, 0), (0, 1)] {
            let estimate = DawidSkene.estimate(
                judgements: [.init(annotator: 0, item: 0, category: first), .init(annotator: 1, item: 0, category: second)],
                annotatorCount: 2, itemCount: 1, categoryCount: 2)
            #expect(isClose(estimate.posteriors[0][0], 0.5))
            #expect(estimate.labels == [0])
        }
    }

    @Test func unjudgedItemsAndIdleAnnotatorsHaveNoFigures() {
        let judgements = Self.oneAnnotatorAlwaysWrong
        let estimate = DawidSkene.estimate(judgements: judgements, annotatorCount: 4, itemCount: 7, categoryCount: 2)
        #expect(estimate.labels[6] == nil)
        #expect(estimate.posteriors[6] == estimate.classPriors)
        #expect(estimate.confusionMatrices[3] == nil)
        // The unjudged item takes no part in the priors: still ½, ½ as with six items.
        #expect(isClose(estimate.classPriors[1], 0.5, tolerance: 1e-9))

        let empty = DawidSkene.estimate(judgements: [], annotatorCount: 2, itemCount: 2, categoryCount: 3)
        #expect(empty.labels == [nil, nil])
        #expect(empty.iterations == 0)
    }

    /// 10 annotators × 60 items × 4 categories, 447 judgements: rows are items, columns
    /// annotators, a digit is the category given and "." no judgement. Accuracies 0.9 down to
    /// 0.3, structured mistakes, and annotators 8 and 9 mostly swap 0 and 1; Dawid–Skene's labels
    /// differ from the majority vote's on 5 items. Produced, with crowd-kit's results below, by
    ///   .build/bench-venv/bin/python Tests/AnalysisTests/reference/dawid_skene_reference.py
    /// (crowd-kit 1.4.2, pandas 2.2.3, numpy 1.24.2; `DawidSkene(n_iter=100, tol=1e-5)`).
    static let simulatedGrid = [
        "0.00.0.31.", "22..021.20", "..11312010", "33333.2002", "000020.133", "220.2213.0",
        "333.0.1.33", "030022..33", "212203012.", "11..3.1133", "000123.2.1", "1222.23200",
        ".22..2.30.", "1111111.30", "11.1..0030", "11101320.0", ".111131...", "1111.11032",
        "2222.22023", "010..0.0.3", "00001013.3", "1111.11.12", ".103.....2", "02..10000.",
        "310.012003", "000.22.11.", "00...30...", "3333332002", "1.223.0.20", "3323...302",
        "131311103.", "3111221.03", "0030.00103", "1..111101.", "0020001.0.", "0000..0.21",
        "23.32....3", ".2222..30.", "01...01.0.", "302.332.03", "2..2..0202", "111.......",
        "31111.0313", "0.012.10..", "11..1100..", ".11111.232", "000003021.", "1111132302",
        "01.00.1131", ".000231000", "2223..22.2", "33.3.33313", "333.33.202", "0000.01..1",
        "00..0200.3", "33333.10.2", "2223220.00", ".0.0301013", "0..0..101.", ".0.131..23",
    ]

    @Test func matchesCrowdKitOnASimulatedStudy() throws {
        var judgements: [DawidSkene.Judgement] = []
        for (item, row) in Self.simulatedGrid.enumerated() {
            for (annotator, cell) in row.enumerated() {
                if let category = cell.wholeNumberValue {
                    judgements.append(.init(annotator: annotator, item: item, category: category))
                }
            }
        }
        #expect(judgements.count == 447)
        let estimate = DawidSkene.estimate(judgements: judgements, annotatorCount: 10, itemCount: 60, categoryCount: 4)

        // crowd-kit: ds.labels_ (and len(ds.loss_history_) == 13).
        let crowdKitLabels = [
            0, 2, 1, 3, 0, 2, 3, 0, 2, 1, 0, 2, 2, 1, 1, 1, 1, 1, 2, 0, 0, 1, 3, 0, 3, 0, 0, 3, 2, 3,
            1, 1, 0, 1, 0, 0, 2, 2, 0, 3, 2, 1, 1, 0, 1, 1, 0, 1, 0, 0, 2, 3, 3, 0, 0, 3, 2, 0, 0, 1,
        ]
        #expect(estimate.labels == crowdKitLabels)
        #expect(estimate.iterations == 13)
        #expect(estimate.converged)

        // crowd-kit: ds.priors_; ds.errors_.loc[(annotator, given), true]. Both sides compute the
        // same sums, crowd-kit in base-2 logarithms and pandas' summation order, so they can differ
        // only by rounding (they agree to the last bit or one below it). The tolerance is relative,
        // so the floored entry near 7e-12 is checked as tightly as the rest.
        let crowdKitPriors = [0.3500077070951662, 0.2833333333335079, 0.2006726722974393, 0.16598628727388656]
        for (category, prior) in crowdKitPriors.enumerated() {
            #expect(isClose(estimate.classPriors[category], prior, tolerance: 1e-12 * prior))
        }
        let crowdKitConfusion: [(annotator: Int, truth: Int, given: Int, probability: Double)] = [
            (0, 0, 0, 0.9999999999842106),
            (3, 1, 2, 7.142857142800157e-12),
            (7, 3, 3, 0.2857142857101153),
            (8, 0, 1, 0.35713106095820135),
            (9, 1, 0, 0.33333333333028237),
            (5, 2, 2, 0.8571334192358395),
        ]
        for entry in crowdKitConfusion {
            let matrix = try #require(estimate.confusionMatrices[entry.annotator])
            #expect(isClose(matrix[entry.truth][entry.given], entry.probability, tolerance: 1e-12 * entry.probability))
        }
        // crowd-kit: ds.probas_.loc[0] = [1.0, 1e-10, 1e-10, 1e-10], floored at 1e-10 as it
        // computes its bound; the E-step's own values below the floor are smaller still.
        #expect(isClose(estimate.posteriors[0][0], 1, tolerance: 1e-9))
        #expect(estimate.posteriors[0][1...].allSatisfy { $0 <= 1e-10 })
    }
}
