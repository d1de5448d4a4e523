// McNemarTest: the exact two-sided McNemar test between two classifiers scored on the same items.
/// Only discordant items carry evidence: b = items the human majority got right and the model
/// wrong, c = the reverse. Under "equally accurate" each discordant item is a fair coin, so
///
///     X ~ Bin(b + c, ½),   p = min(1, 2 · P[X ≤ min(b, c)]),   p = 1 when b + c = 0.
///
/// Doubling the smaller tail is exact here because Bin(n, ½) is symmetric.
public enum McNemarTest {
    public static func exactTwoSidedP(humanOnlyRight b: Int, modelOnlyRight c: Int) -> Double {
        precondition(b >= 0 && c >= 0, "discordant counts cannot be negative")
        let discordant = b + c
        guard discordant > 0 else { return 1 }
        let fairCoin = BinomialDistribution(trials: discordant, successProbability: 0.5)
        return min(1, 2 * fairCoin.cumulativeProbability(atMost: min(b, c)))
    }

    /// Counts b and c from paired correctness and tests them; nil when there are no pairs,
    /// because a test on no items is unknown rather than "no difference" (p = 1).
    public static func exactTwoSidedP(humanCorrect: [Bool], modelCorrect: [Bool]) -> Double? {
        precondition(humanCorrect.count == modelCorrect.count, "both sides must be scored on the same items")
        guard !humanCorrect.isEmpty else { return nil }
        var humanOnlyRight = 0
        var modelOnlyRight = 0
        for (human, model) in zip(humanCorrect, modelCorrect) where human != model {
            if human { humanOnlyRight += 1 } else { modelOnlyRight += 1 }
        }
        return exactTwoSidedP(humanOnlyRight: humanOnlyRight, modelOnlyRight: modelOnlyRight)
    }
}
