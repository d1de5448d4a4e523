// WilsonScoreInterval: the Wilson (1927) score interval for a binomial proportion.
import Foundation

/// For `count` events in `total` trials, p̂ = count / total and
///
///     centre    = (p̂ + z²/(2n)) / (1 + z²/n)
///     halfWidth = z / (1 + z²/n) · √( p̂(1 − p̂)/n + z²/(4n²) )
///     interval  = [centre − halfWidth, centre + halfWidth]
///
/// Unlike p̂ ± z·√(p̂(1−p̂)/n) it stays inside [0, 1] and does not collapse to a point at
/// 0 or n events, which matters for the small per-category counts a report shows.
public enum WilsonScoreInterval {
    /// The two-sided 95 % normal quantile that DESIGN fixes.
    public static let z95 = 1.959964

    /// nil when there are no trials: an interval on nothing is unknown, not [0, 0].
    public static func interval(count: Int, total: Int, z: Double = z95) -> ConfidenceInterval? {
        precondition(count >= 0 && count <= total, "count must lie in 0...total")
        guard total > 0 else { return nil }
        let n = Double(total)
        let p = Double(count) / n
        let zSquared = z * z
        let shrink = 1 + zSquared / n
        let centre = (p + zSquared / (2 * n)) / shrink
        let halfWidth = z / shrink * (p * (1 - p) / n + zSquared / (4 * n * n)).squareRoot()
        // At 0 or n events the bound is exactly 0 or 1 (the terms cancel); rounding would print
        // 1e-17 or 0.9999999999999999 instead, so those bounds are set rather than computed.
        let low = count == 0 ? 0 : centre - halfWidth
        let high = count == total ? 1 : centre + halfWidth
        return ConfidenceInterval(low: low, high: high)
    }
}
