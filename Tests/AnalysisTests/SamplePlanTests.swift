// SamplePlanTests: sample-size formulas against published examples, statsmodels, scipy and a case worked by hand.
import Testing
@testable import Analysis

@Suite struct SamplePlanTests {
    @Test(arguments: [
        // /usr/bin/python3 -c "from scipy.stats import norm; print(repr(norm.ppf(P)))"
        (0.001, -3.090232306167813), (0.02, -2.053748910631823), (0.5, 0.0), (0.8, 0.8416212335729143),
        (0.9, 1.2815515655446004), (0.95, 1.6448536269514722), (0.975, 1.959963984540054),
        (0.995, 2.5758293035489004), (0.9999, 3.719016485455709),
    ])
    func normalQuantileMatchesScipy(p: Double, z: Double) {
        #expect(isClose(NormalQuantile.of(p), z, tolerance: 1e-14))
    }

    @Test func fivePercentWithinOnePercentNeeds1825Items() throws {
        // The published check: z = 1.959964, 1.959964² · 0.05 · 0.95 / 0.01² = 1824.6929 → 1,825.
        let plan = try IntervalPlan(error: 0.05, margin: 0.01, confidence: 0.95, judgementsPerItem: 3)
        // statsmodels 0.13.5: samplesize_confint_proportion(0.05, 0.01, alpha=0.05) = 1824.6929398297104
        #expect(isClose(plan.itemsExact, 1824.6929398297104, tolerance: 1e-9))
        #expect(plan.items == 1825)
        #expect(plan.judgements == 5475)
        // Brute force in Python (scipy's z): the first n with z·√(p(1−p)n + z²/4)/(n + z²) ≤ 0.01 is 1838.
        #expect(plan.wilsonItems == 1838)
    }

    @Test func otherConfidenceAndRates() throws {
        // statsmodels: samplesize_confint_proportion(0.10, 0.02, alpha=0.10) = 608.7472771714685
        let ninety = try IntervalPlan(error: 0.10, margin: 0.02, confidence: 0.90, judgementsPerItem: 5)
        #expect(isClose(ninety.itemsExact, 608.7472771714685, tolerance: 1e-9))
        #expect(ninety.items == 609 && ninety.judgements == 3045)
        // Brute force as above: p = 0.5, d = 0.05 → 381 (below the normal 384.15); p = 0.2, d = 0.03 → 682.
        #expect(try SamplePlan.wilsonIntervalItems(error: 0.5, margin: 0.05, confidence: 0.95) == 381)
        #expect(try SamplePlan.wilsonIntervalItems(error: 0.2, margin: 0.03, confidence: 0.95) == 682)
        #expect(try SamplePlan.wholeItems(384.0000000000001) == 384)
    }

    @Test func connorMatchesThePublishedExample() throws {
        // Chow, Shao & Wang's McNemar example after Connor (1987), p. 209, as powerandsamplesize.com
        // states it: p01 = 0.45, p10 = 0.05, α = 0.05 two-sided, β = 0.20 → n = 22.01, so 23 pairs.
        // scipy: ((norm.ppf(.975)*sqrt(.5) + norm.ppf(.8)*sqrt(.5 - .16)) / .4)**2 = 22.011324427435788
        let table = PairedErrors(bothWrong: 0.1, humanOnlyWrong: 0.05, modelOnlyWrong: 0.45)
        let n = try SamplePlan.pairedItems(table, confidence: 0.95, power: 0.8)
        #expect(isClose(n, 22.011324427435788, tolerance: 1e-9))
        #expect(try SamplePlan.wholeItems(n) == 23)
    }

    @Test func pairedByHandAtIndependentErrors() throws {
        // p₁ = 0.05, p₂ = 0.03, κ = 0: p₁₁ = p₁p₂ = 0.0015, p₁₀ = 0.0485, p₀₁ = 0.0285,
        // ψ = 0.077, δ = 0.02, ψ − δ² = 0.0766;
        // [1.959964 · √0.077 + 0.841621 · √0.0766]² / 0.0004 = [1.959964 · 0.277489 + 0.841621 · 0.276767]² / 0.0004
        // = [0.543868 + 0.232933]² / 0.0004 = 0.776801² / 0.0004 = 0.603420 / 0.0004 = 1508.55 → 1,509 items.
        let plan = try ComparisonPlan(humanError: 0.05, modelError: 0.03, consistency: 0, confidence: 0.95, power: 0.8,
                                      judgementsPerItem: 3)
        #expect(isClose(plan.table.bothWrong, 0.0015) && isClose(plan.table.humanOnlyWrong, 0.0485))
        #expect(isClose(plan.table.modelOnlyWrong, 0.0285) && isClose(plan.table.bothRight, 0.9215))
        #expect(isClose(plan.discordant, 0.077) && isClose(plan.difference, 0.02))
        #expect(isClose(plan.pairedItemsExact, 1508.55, tolerance: 0.01))
        // An independent scipy script (the table built as above, norm.ppf for z):
        // n = (norm.ppf(.975)*sqrt(psi) + norm.ppf(.8)*sqrt(psi - d*d))**2 / (d*d) = 1508.5493274032744
        #expect(isClose(plan.pairedItemsExact, 1508.5493274032744, tolerance: 1e-8))
        #expect(plan.pairedItems == 1509 && plan.judgements == 4527)
        // statsmodels: samplesize_proportions_2indep_onetail(-0.02, 0.05, 0.8, alpha=0.05, alternative='two-sided')
        // = 1505.805434529088 per group.
        #expect(isClose(plan.unpairedItemsPerGroupExact, 1505.805434529088, tolerance: 1e-8))
        #expect(plan.unpairedItemsPerGroup == 1506)
    }

    @Test(arguments: [
        // (p₁, p₂, κ, paired n by the same scipy script, unpaired n by statsmodels as above)
        (0.05, 0.03, 0.3, 1055.2755988029655, 1505.805434529088),
        (0.06, 0.04, 0.0, 1865.6737668003464, 1862.929565555358),
        (0.06, 0.04, 0.5, 931.6553347072162, 1862.929565555358),
        (0.10, 0.05, 0.2, 349.262629237416, 434.4320224394689),
    ])
    func pairedAndUnpairedMatchScipyAndStatsmodels(p1: Double, p2: Double, kappa: Double, paired: Double, unpaired: Double) throws {
        let plan = try ComparisonPlan(humanError: p1, modelError: p2, consistency: kappa, confidence: 0.95, power: 0.8,
                                      judgementsPerItem: 1)
        #expect(isClose(plan.pairedItemsExact, paired, tolerance: 1e-8))
        #expect(isClose(plan.unpairedItemsPerGroupExact, unpaired, tolerance: 1e-8))
    }

    @Test func kappaReproducesItselfFromTheTable() throws {
        // Cohen's κ of the implied table, recomputed from its cells, is the κ asked for.
        for kappa in [-0.03, 0, 0.25, 0.7] {
            let table = try PairedErrors(humanError: 0.05, modelError: 0.03, consistency: kappa)
            let observed = table.bothWrong + table.bothRight
            let expected = 0.05 * 0.03 + 0.95 * 0.97
            #expect(isClose((observed - expected) / (1 - expected), kappa, tolerance: 1e-12))
        }
    }

    @Test func kappaOutsideItsRangeIsRefusedWithTheRange() throws {
        // p₁ = 0.05, p₂ = 0.03: S = 0.077; κ ≥ 2(0 − 0.0015)/0.077 = −0.038961 (no item both wrong)
        // and κ ≤ 2(0.03 − 0.0015)/0.077 = 0.740260 (every model error also a human error).
        let range = PairedErrors.consistencyRange(humanError: 0.05, modelError: 0.03)
        #expect(isClose(range.lowerBound, -0.03896103896103896, tolerance: 1e-12))
        #expect(isClose(range.upperBound, 0.7402597402597403, tolerance: 1e-12))
        #expect(throws: SamplePlanError.consistencyInfeasible(value: 0.9, range: range)) {
            try PairedErrors(humanError: 0.05, modelError: 0.03, consistency: 0.9)
        }
        let refusal = SamplePlanError.consistencyInfeasible(value: 0.9, range: range).description
        #expect(refusal == "--consistency 0.9 is impossible with these error rates; it must lie between -0.0389 and 0.7402")
        // The bounds themselves are feasible, and at the top no item is wrong for the model alone.
        let top = try PairedErrors(humanError: 0.05, modelError: 0.03, consistency: range.upperBound)
        #expect(top.modelOnlyWrong >= 0 && isClose(top.modelOnlyWrong, 0))
        #expect(try PairedErrors(humanError: 0.05, modelError: 0.03, consistency: range.lowerBound).bothWrong >= 0)
    }

    @Test func badInputIsRefused() {
        #expect(throws: SamplePlanError.rateOutOfRange(option: "error", value: 5)) {
            try IntervalPlan(error: 5, margin: 0.01, confidence: 0.95, judgementsPerItem: 1)
        }
        #expect(throws: SamplePlanError.marginOutOfRange(margin: 0.05, limit: 0.05)) {
            try IntervalPlan(error: 0.05, margin: 0.05, confidence: 0.95, judgementsPerItem: 1)
        }
        #expect(throws: SamplePlanError.marginOutOfRange(margin: 0.1, limit: 1 - 0.95)) {
            try IntervalPlan(error: 0.95, margin: 0.1, confidence: 0.95, judgementsPerItem: 1)
        }
        #expect(throws: SamplePlanError.confidenceOutOfRange(value: 1)) {
            try IntervalPlan(error: 0.05, margin: 0.01, confidence: 1, judgementsPerItem: 1)
        }
        #expect(throws: SamplePlanError.judgementsPerItemOutOfRange(value: 0)) {
            try IntervalPlan(error: 0.05, margin: 0.01, confidence: 0.95, judgementsPerItem: 0)
        }
        #expect(throws: SamplePlanError.equalErrorRates(value: 0.05)) {
            try ComparisonPlan(humanError: 0.05, modelError: 0.05, consistency: 0, confidence: 0.95, power: 0.8, judgementsPerItem: 1)
        }
        #expect(throws: SamplePlanError.powerOutOfRange(value: 0)) {
            try ComparisonPlan(humanError: 0.05, modelError: 0.03, consistency: 0, confidence: 0.95, power: 0, judgementsPerItem: 1)
        }
        // Counts no study could collect are refused, not trapped on converting to Int.
        #expect(throws: SamplePlanError.tooManyItems(count: .infinity)) {
            try IntervalPlan(error: 0.5, margin: 1e-200, confidence: 0.95, judgementsPerItem: 1)
        }
        #expect(throws: SamplePlanError.self) {
            try ComparisonPlan(humanError: 0.5, modelError: 0.5000000000001, consistency: 0, confidence: 0.95, power: 0.8,
                               judgementsPerItem: 1)
        }
        #expect(throws: SamplePlanError.self) {
            try IntervalPlan(error: 0.05, margin: 0.01, confidence: 0.95, judgementsPerItem: Int.max)
        }
        #expect(throws: SamplePlanError.rateOutOfRange(option: "model-error", value: 0)) {
            try ComparisonPlan(humanError: 0.05, modelError: 0, consistency: 0, confidence: 0.95, power: 0.8, judgementsPerItem: 1)
        }
    }
}
