// WilsonScoreIntervalTests: the Wilson 95 % interval by hand and against statsmodels.
import Testing
@testable import Analysis

@Suite struct WilsonScoreIntervalTests {
    @Test func noTrialsGivesNoInterval() {
        #expect(WilsonScoreInterval.interval(count: 0, total: 0) == nil)
    }

    @Test func threeOfTenByHand() throws {
        // p̂ = 0.3, z² = 3.841459, z²/n = 0.3841459, shrink = 1.3841459
        // centre    = (0.3 + 0.1920729) / 1.3841459 = 0.355506
        // halfWidth = 1.959964 / 1.3841459 · √(0.021 + 0.0096036) = 1.416010 · 0.174939 = 0.247716
        // interval  = [0.107791, 0.603222]
        let interval = try #require(WilsonScoreInterval.interval(count: 3, total: 10))
        #expect(isClose(interval.low, 0.107791, tolerance: 1e-6))
        #expect(isClose(interval.high, 0.603222, tolerance: 1e-6))
    }

    // statsmodels uses z = norm.ppf(0.975) = 1.95996398454; DESIGN fixes z = 1.959964, a
    // 1.5e-8 difference that moves bounds by < 1e-8, hence the 1e-8 tolerance.
    @Test(arguments: [
        // .venv/bin/python -c "from statsmodels.stats.proportion import proportion_confint as c; print(c(0, 10, alpha=0.05, method='wilson'))"
        (0, 10, 0.0, 0.27753279986288926),
        // ... c(3, 10, alpha=0.05, method='wilson')
        (3, 10, 0.10779126740630104, 0.6032218525388546),
        // ... c(10, 10, alpha=0.05, method='wilson')
        (10, 10, 0.7224672001371106, 1.0),
        // ... c(1, 1, alpha=0.05, method='wilson')
        (1, 1, 0.2065493143772374, 1.0),
        // ... c(37, 200, alpha=0.05, method='wilson')
        (37, 200, 0.13730192800616045, 0.24457062761151752),
        // ... c(1, 1000, alpha=0.05, method='wilson')
        (1, 1000, 0.00017654637062607765, 0.005642558597957937),
        // ... c(512, 1000, alpha=0.05, method='wilson')
        (512, 1000, 0.4810325544060909, 0.5428756033902558),
    ])
    func matchesStatsmodels(count: Int, total: Int, low: Double, high: Double) throws {
        let interval = try #require(WilsonScoreInterval.interval(count: count, total: total))
        #expect(isClose(interval.low, low, tolerance: 1e-8))
        #expect(isClose(interval.high, high, tolerance: 1e-8))
    }

    @Test func boundsStayInsideTheUnitInterval() throws {
        let none = try #require(WilsonScoreInterval.interval(count: 0, total: 7))
        let all = try #require(WilsonScoreInterval.interval(count: 7, total: 7))
        #expect(none.low == 0)
        #expect(all.high == 1)
    }
}
