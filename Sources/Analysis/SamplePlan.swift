// SamplePlan: how many test items a study needs, for an interval of a given width or a paired comparison with a model.
import Foundation

/// Every count is returned unrounded; a plan rounds it up (a fraction of an item still
/// has to be an item). z_q is the standard normal quantile Φ⁻¹(q).
///
/// Interval on one error rate p, half-width d, confidence C (normal approximation):
///
///     n = z²_{1−α/2} · p(1 − p) / d²,   α = 1 − C
///
/// (5 % ± 1 % at 95 %: 1.959964² · 0.05 · 0.95 / 0.01² = 1824.69, so 1,825 items.)
///
/// Paired comparison, human error p₁ vs model error p₂ on the same items, McNemar's test,
/// after Connor (1987), with ψ = p₁₀ + p₀₁ and δ = p₁₀ − p₀₁ from PairedErrors:
///
///     n = [z_{1−α/2} · √ψ + z_{1−β} · √(ψ − δ²)]² / δ²,   1 − β = power
///
/// Unpaired comparison, the two-proportion z-test on two independent samples of n each
/// (Fleiss's formula without continuity correction), p̄ = (p₁ + p₂)/2:
///
///     n = [z_{1−α/2} · √(2p̄(1 − p̄)) + z_{1−β} · √(p₁(1 − p₁) + p₂(1 − p₂))]² / (p₁ − p₂)²
public enum SamplePlan {
    /// Items for a normal-approximation interval of half-width `margin` on an error rate near `error`.
    public static func intervalItems(error p: Double, margin d: Double, confidence: Double) throws -> Double {
        try checkRate(p, option: "error")
        try checkMargin(d, error: p)
        let z = try twoSidedZ(confidence: confidence)
        return z * z * p * (1 - p) / (d * d)
    }

    /// The fewest items whose Wilson (1927) interval around an observed rate of `error` has
    /// half-width at most `margin`. The half-width z·√(p(1−p)n + z²/4) / (n + z²) falls as n
    /// grows (for every p), so the first n that meets the margin is found by bisection.
    public static func wilsonIntervalItems(error p: Double, margin d: Double, confidence: Double) throws -> Int {
        try checkRate(p, option: "error")
        try checkMargin(d, error: p)
        let z = try twoSidedZ(confidence: confidence)
        func halfWidth(_ n: Int) -> Double {
            let items = Double(n)
            return z * (p * (1 - p) * items + z * z / 4).squareRoot() / (items + z * z)
        }
        // halfWidth(0) = 1/2 exceeds every allowed margin (below min(p, 1 − p) ≤ 1/2), so
        // `low` starts refused and doubling finds an accepted `high`.
        var low = 0, high = max(1, try wholeItems(z * z * p * (1 - p) / (d * d)))
        while halfWidth(high) > d { high *= 2 }
        while high - low > 1 {
            let middle = (low + high) / 2
            if halfWidth(middle) <= d { high = middle } else { low = middle }
        }
        return high
    }

    /// Items for McNemar's test to detect the paired difference with the given power (Connor 1987).
    public static func pairedItems(_ table: PairedErrors, confidence: Double, power: Double) throws -> Double {
        let zAlpha = try twoSidedZ(confidence: confidence)
        let zBeta = try powerZ(power)
        let psi = table.discordant, delta = table.difference
        guard delta != 0 else { throw SamplePlanError.equalErrorRates(value: table.humanOnlyWrong + table.bothWrong) }
        // ψ ≥ |δ| ≥ δ² always; max guards the rounding of a table with no concordant errors.
        let spreadUnderAlternative = max(0, psi - delta * delta)
        let root = zAlpha * psi.squareRoot() + zBeta * spreadUnderAlternative.squareRoot()
        return root * root / (delta * delta)
    }

    /// Items per group for the unpaired two-proportion z-test to detect p₁ ≠ p₂ with the given power.
    public static func unpairedItems(humanError p1: Double, modelError p2: Double, confidence: Double, power: Double) throws -> Double {
        try checkRate(p1, option: "human-error")
        try checkRate(p2, option: "model-error")
        guard p1 != p2 else { throw SamplePlanError.equalErrorRates(value: p1) }
        let zAlpha = try twoSidedZ(confidence: confidence)
        let zBeta = try powerZ(power)
        let mean = (p1 + p2) / 2
        let root = zAlpha * (2 * mean * (1 - mean)).squareRoot() + zBeta * (p1 * (1 - p1) + p2 * (1 - p2)).squareRoot()
        return root * root / ((p1 - p2) * (p1 - p2))
    }

    /// z_{1−α/2} for a two-sided interval or test at this confidence.
    public static func twoSidedZ(confidence: Double) throws -> Double {
        guard confidence > 0 && confidence < 1 else { throw SamplePlanError.confidenceOutOfRange(value: confidence) }
        return NormalQuantile.of(1 - (1 - confidence) / 2)
    }

    /// z_{1−β} for this power.
    public static func powerZ(_ power: Double) throws -> Double {
        guard power > 0 && power < 1 else { throw SamplePlanError.powerOutOfRange(value: power) }
        return NormalQuantile.of(power)
    }

    /// Beyond this a plan is refused rather than printed: no study labels a trillion items,
    /// and the count must stay far inside Int for items × judgements per item.
    public static let itemLimit = 1e12

    /// A count rounded up to whole items; the tiny tolerance keeps 1825.0000000001 (rounding
    /// in the formula) from becoming 1826.
    public static func wholeItems(_ count: Double) throws -> Int {
        guard count.isFinite, count <= itemLimit else { throw SamplePlanError.tooManyItems(count: count) }
        return Int((count - 1e-9).rounded(.up))
    }

    /// items × judgements per item, refused when it would not fit in an Int.
    public static func judgements(items: Int, perItem: Int) throws -> Int {
        let (product, overflow) = items.multipliedReportingOverflow(by: perItem)
        guard !overflow else { throw SamplePlanError.tooManyItems(count: Double(items) * Double(perItem)) }
        return product
    }

    static func checkRate(_ rate: Double, option: String) throws {
        guard rate.isFinite, rate > 0, rate < 1 else { throw SamplePlanError.rateOutOfRange(option: option, value: rate) }
    }

    static func checkMargin(_ margin: Double, error: Double) throws {
        // An interval wider than the room below (or above) the rate would cross 0 (or 1).
        let limit = min(error, 1 - error)
        guard margin.isFinite, margin > 0, margin < limit else { throw SamplePlanError.marginOutOfRange(margin: margin, limit: limit) }
    }
}
