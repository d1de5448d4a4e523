// BinomialDistributionTests: log-space binomial CDF by hand and against exact big-integer sums.
import Testing
@testable import Analysis

@Suite struct BinomialDistributionTests {
    @Test func smallCaseByHand() {
        // Bin(4, ½): P[X ≤ 2] = (1 + 4 + 6)/16 = 11/16 = 0.6875
        let coin = BinomialDistribution(trials: 4, successProbability: 0.5)
        #expect(isClose(coin.cumulativeProbability(atMost: 2), 0.6875))
        #expect(isClose(coin.cumulativeProbability(atMost: 4), 1))
        #expect(coin.cumulativeProbability(atMost: -1) == 0)
    }

    @Test func unevenProbabilityByHand() {
        // Bin(3, 0.2): P[X ≤ 1] = 0.8³ + 3 · 0.2 · 0.8² = 0.512 + 0.384 = 0.896
        let draw = BinomialDistribution(trials: 3, successProbability: 0.2)
        #expect(isClose(draw.cumulativeProbability(atMost: 1), 0.896))
    }

    @Test func logTailFarBelowDoubleRange() {
        // Exact with Python's big integers:
        // .venv/bin/python -c "import math; s = sum(math.comb(3005, k) for k in range(6)); print(repr(math.log(s) - 3005*math.log(2)))"
        // → -2047.6562675965527 (scipy's binom.logcdf(5, 3005, 0.5) underflows to -inf here)
        let coin = BinomialDistribution(trials: 3005, successProbability: 0.5)
        #expect(isClose(coin.logCumulativeProbability(atMost: 5), -2047.6562675965527, tolerance: 1e-9))
    }
}
