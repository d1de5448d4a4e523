// ErrorConsistencyTests: Geirhos et al.'s κ by hand, and against Cohen's κ of the right/wrong vectors.
import Testing
@testable import Analysis

@Suite struct ErrorConsistencyTests {
    @Test func threeItemsByHand() {
        // (human, model) = (R, R), (W, W), (R, W): c_obs = 2/3, p₁ = 2/3, p₂ = 1/3
        // c_exp = 2/9 + 2/9 = 4/9, κ = (6/9 − 4/9) / (5/9) = 0.4
        let kappa = ErrorConsistency.kappa(firstCorrect: [true, false, true], secondCorrect: [true, false, false])
        #expect(isClose(kappa, 0.4))
    }

    // Error consistency is Cohen's κ of the two correctness vectors, so scikit-learn checks it:
    @Test(arguments: [
        // .venv/bin/python -c "from sklearn.metrics import cohen_kappa_score as k; print(repr(k([1,1,1,0,0,1,0,1,1,1], [1,0,1,0,1,1,0,0,1,1])))"
        ([1, 1, 1, 0, 0, 1, 0, 1, 1, 1], [1, 0, 1, 0, 1, 1, 0, 0, 1, 1], 0.34782608695652173),
        // ... k([1,1,1,1], [1,0,1,1])  (one side always right: c_obs = c_exp, κ = 0)
        ([1, 1, 1, 1], [1, 0, 1, 1], 0.0),
        // ... k([1,1,0,0,1,0], [0,0,1,1,0,1])  (always opposite)
        ([1, 1, 0, 0, 1, 0], [0, 0, 1, 1, 0, 1], -1.0),
    ])
    func matchesScikitLearn(first: [Int], second: [Int], expected: Double) {
        let kappa = ErrorConsistency.kappa(firstCorrect: first.map { $0 == 1 }, secondCorrect: second.map { $0 == 1 })
        #expect(isClose(kappa, expected))
    }

    @Test func outcomesWithoutVariationAreUndefinedAndIdenticalErrorsGiveOne() {
        // All right on both sides: c_obs = c_exp = 1, 0/0 by the formula: undefined, like
        // scikit-learn's cohen_kappa_score([1,1],[1,1]), which warns and gives nan.
        #expect(ErrorConsistency.kappa(firstCorrect: [true, true], secondCorrect: [true, true]) == nil)
        #expect(ErrorConsistency.kappa(firstCorrect: [false, false], secondCorrect: [false, false]) == nil)
        // Mixed but identical: c_obs = 1, c_exp = 1/4 + 1/4 = 1/2 → (1 − 1/2)/(1/2) = 1 as well.
        #expect(ErrorConsistency.kappa(firstCorrect: [true, false], secondCorrect: [true, false]) == 1)
    }

    @Test func noItemsIsUnknown() {
        #expect(ErrorConsistency.kappa(firstCorrect: [], secondCorrect: []) == nil)
    }
}
