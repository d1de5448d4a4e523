// CohenKappa: Cohen's (1960) κ, chance-corrected agreement of two raters labelling the same items.
/// Over n items rated by both, with h_c and m_c the number of items each rater put in c:
///
///     p_o = share of items with equal labels
///     p_e = Σ_c (h_c / n) · (m_c / n)           (agreement of independent raters with these marginals)
///     κ   = (p_o − p_e) / (1 − p_e)
///
/// nil for no items, and when p_e = 1 (both raters used one and the same label throughout):
/// κ = 0/0 there, as scikit-learn's cohen_kappa_score also reports (nan).
public enum CohenKappa {
    public static func kappa(_ first: [Int], _ second: [Int]) -> Double? {
        precondition(first.count == second.count, "both raters must label the same items")
        let n = first.count
        guard n > 0 else { return nil }

        var firstMarginals: [Int: Int] = [:]
        var secondMarginals: [Int: Int] = [:]
        var agreeing = 0
        for (a, b) in zip(first, second) {
            firstMarginals[a, default: 0] += 1
            secondMarginals[b, default: 0] += 1
            if a == b { agreeing += 1 }
        }
        // Scaled by n² to stay in exact integers until the final division.
        let chanceAgreementTimesN2 = firstMarginals.reduce(0) { sum, entry in
            sum + entry.value * secondMarginals[entry.key, default: 0]
        }
        let nSquared = n * n
        guard chanceAgreementTimesN2 < nSquared else { return nil }
        return Double(n * agreeing - chanceAgreementTimesN2) / Double(nSquared - chanceAgreementTimesN2)
    }
}
