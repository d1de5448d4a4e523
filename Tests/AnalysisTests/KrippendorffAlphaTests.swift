// KrippendorffAlphaTests: nominal α by hand and against the `krippendorff` PyPI package.
import Testing
@testable import Analysis

@Suite struct KrippendorffAlphaTests {
    @Test func threeUnitsByHand() {
        // Units [0,0], [0,1], [1,1]: n = 6, n₀ = n₁ = 3.
        // n·D_o = only unit 2 disagrees: (2² − (1 + 1)) / (2 − 1) = 2
        // n·D_e = (6² − (3² + 3²)) / (6 − 1) = 18/5 = 3.6
        // α = 1 − 2/3.6 = 4/9
        let alpha = KrippendorffAlpha.nominal(units: [[0, 0], [0, 1], [1, 1]])
        #expect(isClose(alpha, 4.0 / 9.0))
    }

    @Test func krippendorffsOwnExample() {
        // Krippendorff (2011), 4 coders × 12 units with missing values; per unit the values given:
        // .venv/bin/python -c "import numpy as np, krippendorff; n=np.nan; print(repr(krippendorff.alpha(reliability_data=[[1,2,3,3,2,1,4,1,2,n,n,n],[1,2,3,3,2,2,4,1,2,5,n,3],[n,3,3,3,2,3,4,2,2,5,1,n],[1,2,3,3,2,4,4,1,2,5,1,n]], level_of_measurement='nominal')))"
        // → 0.743421052631579 (the paper's 0.743)
        let units = [
            [1, 1, 1], [2, 2, 3, 2], [3, 3, 3, 3], [3, 3, 3, 3], [2, 2, 2, 2], [1, 2, 3, 4],
            [4, 4, 4, 4], [1, 1, 2, 1], [2, 2, 2, 2], [5, 5, 5], [1, 1], [3],
        ]
        #expect(isClose(KrippendorffAlpha.nominal(units: units), 0.743421052631579))
    }

    @Test func unevenUnitsWithThreeValues() {
        // .venv/bin/python -c "import numpy as np, krippendorff; n=np.nan; print(repr(krippendorff.alpha(reliability_data=[[0,1,2,0,n,1],[0,1,1,n,2,1],[0,2,2,1,2,n]], level_of_measurement='nominal')))"
        // → 0.43243243243243235
        let units = [[0, 0, 0], [1, 1, 2], [2, 1, 2], [0, 1], [2, 2], [1, 1]]
        #expect(isClose(KrippendorffAlpha.nominal(units: units), 0.43243243243243235))
    }

    @Test func noPairableUnitsIsUnknown() {
        #expect(KrippendorffAlpha.nominal(units: []) == nil)
        #expect(KrippendorffAlpha.nominal(units: [[1], [2], [0]]) == nil)
    }

    @Test func singleValueIsUndefined() {
        // D_e = 0. The krippendorff package refuses it too:
        // krippendorff.alpha(reliability_data=[[1,1,1],[1,1,1]], ...) → ValueError
        // "There has to be more than one value in the domain."
        #expect(KrippendorffAlpha.nominal(units: [[1, 1], [1, 1], [1, 1]]) == nil)
    }
}
