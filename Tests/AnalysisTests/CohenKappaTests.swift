// CohenKappaTests: Cohen's κ by hand and against scikit-learn's cohen_kappa_score.
import Testing
@testable import Analysis

@Suite struct CohenKappaTests {
    @Test func fourItemsByHand() {
        // [0,0,1,1] vs [0,1,1,1]: p_o = 3/4; marginals {0:2, 1:2} and {0:1, 1:3}
        // p_e = (2·1 + 2·3)/16 = 1/2, κ = (3/4 − 1/2)/(1/2) = 0.5
        #expect(isClose(CohenKappa.kappa([0, 0, 1, 1], [0, 1, 1, 1]), 0.5))
    }

    @Test(arguments: [
        // .venv/bin/python -c "from sklearn.metrics import cohen_kappa_score as k; print(repr(k([0,1,2,2,0,1,3,3,2,0], [0,1,2,1,0,2,3,0,2,0])))"
        ([0, 1, 2, 2, 0, 1, 3, 3, 2, 0], [0, 1, 2, 1, 0, 2, 3, 0, 2, 0], 0.5890410958904109),
        // ... k([0,0,1,1], [0,1,1,1])
        ([0, 0, 1, 1], [0, 1, 1, 1], 0.5),
        // ... k([0,1], [1,0])
        ([0, 1], [1, 0], -1.0),
    ])
    func matchesScikitLearn(first: [Int], second: [Int], expected: Double) {
        #expect(isClose(CohenKappa.kappa(first, second), expected))
    }

    @Test func oneSharedLabelThroughoutIsUndefined() {
        // p_e = 1; scikit-learn: k([2,2,2], [2,2,2]) → nan
        #expect(CohenKappa.kappa([2, 2, 2], [2, 2, 2]) == nil)
    }

    @Test func noItemsIsUnknown() {
        #expect(CohenKappa.kappa([], []) == nil)
    }
}
