// PairedErrors: the 2×2 table of "human wrong" × "model wrong" on one item, from the two error rates and their error consistency.
/// With p₁ the human error, p₂ the model error and p₁₁ the share of items both get wrong,
/// the other cells follow from the margins:
///
///     p₁₀ = p₁ − p₁₁ (only the human wrong)   p₀₁ = p₂ − p₁₁ (only the model wrong)
///     p₀₀ = 1 − p₁ − p₂ + p₁₁ (both right)
///
/// Error consistency (Geirhos et al. 2020) is Cohen's κ between the two "wrong" indicators:
///
///     c_obs = p₁₁ + p₀₀ = 1 − p₁ − p₂ + 2p₁₁
///     c_exp = p₁p₂ + (1 − p₁)(1 − p₂) = 1 − p₁ − p₂ + 2p₁p₂
///     κ     = (c_obs − c_exp) / (1 − c_exp) = 2(p₁₁ − p₁p₂) / S,   S = p₁ + p₂ − 2p₁p₂
///
/// so p₁₁ = p₁p₂ + κS/2, and the discordant share is ψ = p₁₀ + p₀₁ = p₁ + p₂ − 2p₁₁ = (1 − κ)S.
/// Every cell is a probability only while max(0, p₁ + p₂ − 1) ≤ p₁₁ ≤ min(p₁, p₂), which
/// bounds κ; `consistencyRange` gives those bounds.
public struct PairedErrors: Sendable, Equatable, Encodable {
    /// p₁₁
    public let bothWrong: Double
    /// p₁₀
    public let humanOnlyWrong: Double
    /// p₀₁
    public let modelOnlyWrong: Double
    /// p₀₀
    public let bothRight: Double

    /// ψ = p₁₀ + p₀₁: the items on which McNemar's test rests.
    public var discordant: Double { humanOnlyWrong + modelOnlyWrong }
    /// δ = p₁₀ − p₀₁ = p₁ − p₂: the human error minus the model error.
    public var difference: Double { humanOnlyWrong - modelOnlyWrong }

    public init(humanError p1: Double, modelError p2: Double, consistency kappa: Double) throws {
        try SamplePlan.checkRate(p1, option: "human-error")
        try SamplePlan.checkRate(p2, option: "model-error")
        let range = Self.consistencyRange(humanError: p1, modelError: p2)
        // A hair of slack, so the bounds the refusal names are themselves accepted.
        let slack = 1e-12
        guard kappa.isFinite, kappa >= range.lowerBound - slack, kappa <= range.upperBound + slack else {
            throw SamplePlanError.consistencyInfeasible(value: kappa, range: range)
        }
        let both = min(max(p1 * p2 + kappa * Self.spread(p1, p2) / 2, max(0, p1 + p2 - 1)), min(p1, p2))
        bothWrong = both
        humanOnlyWrong = p1 - both
        modelOnlyWrong = p2 - both
        bothRight = 1 - p1 - p2 + both
    }

    /// The table from its cells, as published examples give it; they must be non-negative and sum to at most 1.
    public init(bothWrong: Double, humanOnlyWrong: Double, modelOnlyWrong: Double) {
        precondition(bothWrong >= 0 && humanOnlyWrong >= 0 && modelOnlyWrong >= 0, "cells cannot be negative")
        precondition(bothWrong + humanOnlyWrong + modelOnlyWrong <= 1, "cells cannot exceed 1 together")
        self.bothWrong = bothWrong
        self.humanOnlyWrong = humanOnlyWrong
        self.modelOnlyWrong = modelOnlyWrong
        bothRight = 1 - bothWrong - humanOnlyWrong - modelOnlyWrong
    }

    /// The κ values that keep every cell non-negative for these error rates.
    public static func consistencyRange(humanError p1: Double, modelError p2: Double) -> ClosedRange<Double> {
        let spread = spread(p1, p2)
        let low = 2 * (max(0, p1 + p2 - 1) - p1 * p2) / spread
        let high = 2 * (min(p1, p2) - p1 * p2) / spread
        return low...high
    }

    /// S = 1 − c_exp = p₁(1 − p₂) + p₂(1 − p₁): positive for rates inside (0, 1).
    private static func spread(_ p1: Double, _ p2: Double) -> Double { p1 + p2 - 2 * p1 * p2 }
}
