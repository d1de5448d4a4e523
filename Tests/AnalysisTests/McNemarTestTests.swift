// McNemarTestTests: the exact two-sided McNemar p by hand and against scipy's binomtest.
import Testing
@testable import Analysis

@Suite struct McNemarTestTests {
    @Test func noDiscordantItemsGivesOne() {
        #expect(McNemarTest.exactTwoSidedP(humanOnlyRight: 0, modelOnlyRight: 0) == 1)
    }

    @Test func oneAgainstFourByHand() {
        // n = 5, P[X ≤ 1] = (C(5,0) + C(5,1)) / 2⁵ = 6/32, p = 2 · 6/32 = 0.375
        #expect(isClose(McNemarTest.exactTwoSidedP(humanOnlyRight: 1, modelOnlyRight: 4), 0.375))
        #expect(isClose(McNemarTest.exactTwoSidedP(humanOnlyRight: 4, modelOnlyRight: 1), 0.375))
    }

    @Test func equalCountsCapAtOne() {
        // n = 2, P[X ≤ 1] = 3/4, 2 · 3/4 = 1.5 → capped to 1
        #expect(McNemarTest.exactTwoSidedP(humanOnlyRight: 1, modelOnlyRight: 1) == 1)
    }

    @Test(arguments: [
        // .venv/bin/python -c "from scipy.stats import binomtest; print(repr(binomtest(0, 10, 0.5).pvalue))"
        (0, 10, 0.001953125),
        // ... binomtest(3, 20, 0.5).pvalue
        (3, 17, 0.0025768280029296875),
        // ... binomtest(10, 20, 0.5).pvalue
        (10, 10, 1.0),
        // ... binomtest(7, 19, 0.5).pvalue
        (7, 12, 0.359283447265625),
        // ... binomtest(1200, 2520, 0.5).pvalue
        (1200, 1320, 0.01774487311014298),
        // ... binomtest(1900, 4000, 0.5).pvalue
        (2100, 1900, 0.0016492663751357264),
        // ... binomtest(1000, 2001, 0.5).pvalue
        (1000, 1001, 1.0),
    ])
    func matchesScipy(b: Int, c: Int, expected: Double) {
        let p = McNemarTest.exactTwoSidedP(humanOnlyRight: b, modelOnlyRight: c)
        #expect(isClose(p, expected, tolerance: 1e-9 * expected))
    }

    @Test func tinyPValuesKeepTheirMagnitude() {
        // .venv/bin/python -c "from scipy.stats import binomtest; print(repr(binomtest(50, 1000, 0.5).pvalue))"
        // → 1.8636927066537988e-216: far below anything a naive product of Doubles survives.
        let p = McNemarTest.exactTwoSidedP(humanOnlyRight: 50, modelOnlyRight: 950)
        let expected = 1.8636927066537988e-216
        #expect(abs(p - expected) <= 1e-9 * expected)
    }

    @Test func pairedCorrectnessCountsDiscordantItems() {
        // b = item 1 (human right, model wrong); c = items 3 and 4 → same as (1, 2):
        // n = 3, P[X ≤ 1] = (1 + 3)/8 = 0.5, p = 1
        let p = McNemarTest.exactTwoSidedP(
            humanCorrect: [true, true, false, false, false], modelCorrect: [false, true, true, true, false])
        #expect(p == 1)
        // b = 0, c = 4: n = 4, P[X ≤ 0] = 1/16, p = 0.125
        let q = McNemarTest.exactTwoSidedP(humanCorrect: [false, false, false, false], modelCorrect: [true, true, true, true])
        #expect(isClose(q, 0.125))
    }

    @Test func noPairsIsUnknown() {
        #expect(McNemarTest.exactTwoSidedP(humanCorrect: [], modelCorrect: []) == nil)
    }
}
