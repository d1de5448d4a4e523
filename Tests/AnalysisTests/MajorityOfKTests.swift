// MajorityOfKTests: the majority-of-k curve by hand, and resampling against exact enumeration.
import Testing
@testable import Analysis

@Suite struct MajorityOfKTests {
    /// A: truth 0, labels 0 0 1.  B: truth 2, labels 0 1 (nobody right).  C: truth 1, labels 1 2 2 3.
    static let threeItems = [
        MajorityOfK.Item(truth: 0, labels: [0, 0, 1]),
        MajorityOfK.Item(truth: 2, labels: [0, 1]),
        MajorityOfK.Item(truth: 1, labels: [1, 2, 2, 3]),
    ]

    @Test func smallStudyByHand() {
        // Expected correctness of the plurality of k, a tie of t labels holding the truth worth 1/t:
        //   k = 1:  A 2/3;  B 0;  C 1/4
        //   k = 2:  A {00} 1, {01} ½ twice → 2/3;  B {01} tie without 2 → 0;
        //           C pairs {1,2}×2 ½ each, {1,3} ½, {2,2} 0, {2,3}×2 0 → 1.5/6 = 1/4
        //   k = 3:  A {001} → 1;  C triples 122 → 0, 123 → 1/3, 123 → 1/3, 223 → 0 → (2/3)/4 = 1/6
        //   k = 4:  C 1223 → 2 wins → 0
        // Errors: k = 1 and k = 2: 1 − (2/3 + 0 + 1/4)/3 = 25/36 over 3 items;
        //         k = 3: 1 − (1 + 1/6)/2 = 5/12 over 2 items;  k = 4: 1 over 1 item.
        let curve = MajorityOfK.curve(items: Self.threeItems)
        #expect(curve.map(\.k) == [1, 2, 3, 4])
        #expect(curve.map(\.itemCount) == [3, 3, 2, 1])
        #expect(isClose(curve[0].errorRate, 25.0 / 36.0))
        #expect(isClose(curve[1].errorRate, 25.0 / 36.0))
        #expect(isClose(curve[2].errorRate, 5.0 / 12.0))
        #expect(isClose(curve[3].errorRate, 1))
        #expect(curve.allSatisfy { $0.isExact })
        #expect(curve.map(\.enumeratedItemCount) == [3, 3, 2, 1])
    }

    @Test func largestKCutsTheCurve() {
        #expect(MajorityOfK.curve(items: Self.threeItems, largestK: 2).map(\.k) == [1, 2])
        #expect(MajorityOfK.curve(items: Self.threeItems, largestK: 9).count == 4)
        #expect(MajorityOfK.curve(items: []).isEmpty)
        #expect(MajorityOfK.curve(items: [MajorityOfK.Item(truth: 0, labels: [])]).isEmpty)
    }

    @Test func subsetCountStopsAboveTheCap() {
        #expect(MajorityOfK.subsetCount(4, 2, cappedAbove: 100) == 6)
        #expect(MajorityOfK.subsetCount(20, 10, cappedAbove: 1_000_000) == 184_756)
        #expect(MajorityOfK.subsetCount(200, 100, cappedAbove: 5_000) == 5_001)
        #expect(MajorityOfK.subsetCount(7, 7, cappedAbove: 5) == 1)
    }

    @Test func resamplingAgreesWithEnumeration() {
        // Six items of 9 or 10 judgements over 3 labels: every C(n, k) ≤ 252, so the default limit
        // enumerates them all, and a limit of 0 resamples them all. With 20,000 draws an item's
        // resampled score has standard error ≤ 0.5/√20000 ≈ 0.0035; averaged over ≤ 6 items the
        // 0.01 tolerance is about 5 standard errors at k with the fewest items.
        let items = [
            MajorityOfK.Item(truth: 0, labels: [0, 0, 0, 1, 2, 1, 0, 2, 0, 1]),
            MajorityOfK.Item(truth: 1, labels: [1, 0, 2, 2, 1, 0, 0, 1, 2]),
            MajorityOfK.Item(truth: 2, labels: [2, 2, 2, 2, 1, 2, 0, 2, 2, 2]),
            MajorityOfK.Item(truth: 0, labels: [1, 1, 0, 1, 0, 2, 1, 0, 1, 1]),
            MajorityOfK.Item(truth: 1, labels: [1, 2, 1, 0, 1, 2, 1, 2, 0]),
            MajorityOfK.Item(truth: 2, labels: [0, 1, 0, 1, 0, 1, 2, 0, 1, 0]),
        ]
        let exact = MajorityOfK.curve(items: items)
        let resampled = MajorityOfK.curve(items: items, enumerationLimit: 0, draws: 20_000, seed: 7)
        #expect(exact.count == 10 && resampled.count == 10)
        #expect(exact.allSatisfy { $0.isExact })
        #expect(resampled.allSatisfy { $0.resampledItemCount == $0.itemCount })
        for (exactPoint, resampledPoint) in zip(exact, resampled) {
            #expect(exactPoint.itemCount == resampledPoint.itemCount)
            #expect(isClose(resampledPoint.errorRate, exactPoint.errorRate, tolerance: 0.01))
        }
        // At k = n every draw holds all of an item's labels, so resampling is exact there too.
        #expect(isClose(resampled[9].errorRate, exact[9].errorRate))
    }

    @Test func aSeedFixesTheResampledCurve() {
        let items = Self.threeItems
        let first = MajorityOfK.curve(items: items, enumerationLimit: 1, draws: 50, seed: 3)
        let again = MajorityOfK.curve(items: items, enumerationLimit: 1, draws: 50, seed: 3)
        #expect(first == again)
        // Under a limit of 1 only C(n, n) = 1 is enumerated: B at k = 2, A at k = 3, C at k = 4.
        #expect(first.map(\.resampledItemCount) == [3, 2, 1, 0])
        #expect(first.map(\.enumeratedItemCount) == [0, 1, 1, 1])
    }
}
