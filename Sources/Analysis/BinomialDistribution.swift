// BinomialDistribution: Bin(n, p) probabilities, summed in log space so n can be large.
import Foundation

/// P[X = k] = C(n, k) · pᵏ · (1 − p)ⁿ⁻ᵏ. With n in the thousands, C(n, k) overflows a Double
/// and pᵏ underflows, so every term is kept as a logarithm:
///
///     log P[X = k] = log C(n, k) + k·log p + (n − k)·log(1 − p)
///     log C(n, k)  = log C(n, k − 1) + log(n − k + 1) − log k        (C(n, 0) = 1)
///
/// and P[X ≤ m] = Σₖ₌₀..ₘ P[X = k] is summed with the log-sum-exp trick: factor out the
/// largest term so the others are exp(≤ 0) and nothing overflows.
public struct BinomialDistribution: Sendable, Equatable {
    public let trials: Int
    public let successProbability: Double

    public init(trials: Int, successProbability: Double) {
        precondition(trials >= 0, "a binomial needs a non-negative number of trials")
        precondition(successProbability > 0 && successProbability < 1, "p must lie strictly in (0, 1)")
        self.trials = trials
        self.successProbability = successProbability
    }

    /// log P[X = k] for k = 0...m, built from one running log C(n, k).
    public func logProbabilities(upTo m: Int) -> [Double] {
        let n = trials
        let logP = log(successProbability)
        let logQ = log1p(-successProbability)
        var logChoose = 0.0
        var terms: [Double] = []
        terms.reserveCapacity(max(0, min(m, n) + 1))
        for k in 0...max(0, min(m, n)) {
            if k > 0 { logChoose += log(Double(n - k + 1)) - log(Double(k)) }
            terms.append(logChoose + Double(k) * logP + Double(n - k) * logQ)
        }
        return terms
    }

    /// log P[X ≤ m]; −∞ when m < 0.
    public func logCumulativeProbability(atMost m: Int) -> Double {
        guard m >= 0 else { return -Double.infinity }
        let terms = logProbabilities(upTo: m)
        let largest = terms.max()!
        let sumOfScaled = terms.reduce(0.0) { $0 + exp($1 - largest) }
        return largest + log(sumOfScaled)
    }

    /// P[X ≤ m], capped at 1 because the log-space sum can overshoot by an ulp.
    public func cumulativeProbability(atMost m: Int) -> Double {
        min(1, exp(logCumulativeProbability(atMost: m)))
    }
}
