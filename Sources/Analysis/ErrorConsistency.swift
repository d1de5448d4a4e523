// ErrorConsistency: Geirhos et al. (2020) error consistency between two observers' trial outcomes.
/// Over n items, each side is right or wrong on each item:
///
///     c_obs = (items both right + items both wrong) / n
///     p₁, p₂ = the two accuracies
///     c_exp = p₁p₂ + (1 − p₁)(1 − p₂)           (agreement of independent observers)
///     κ     = (c_obs − c_exp) / (1 − c_exp),   κ = 1 when c_obs = 1
///
/// It is computed from counts so no rounding can manufacture a zero denominator. With
/// R₁, W₁, R₂, W₂ the right/wrong counts and A the agreeing items (R₁ + W₁ = R₂ + W₂ = n):
///
///     κ = (n·A − (R₁R₂ + W₁W₂)) / (R₁W₂ + W₁R₂)     because n² − R₁R₂ − W₁W₂ = R₁W₂ + W₁R₂.
///
/// c_exp = 1 (denominator 0) happens only when both sides are all right or both all wrong.
/// Then κ is 0/0: outcomes without variation say nothing about whether errors are shared
/// beyond chance, so κ is undefined and nil, not the 1 an earlier convention gave (a
/// category where neither side erred would otherwise read as perfectly consistent errors).
/// Identical outcomes with some errors have c_exp < 1 and give κ = 1 by the formula.
/// nil also for n = 0.
public enum ErrorConsistency {
    public static func kappa(firstCorrect: [Bool], secondCorrect: [Bool]) -> Double? {
        precondition(firstCorrect.count == secondCorrect.count, "both sides must be scored on the same items")
        let n = firstCorrect.count
        guard n > 0 else { return nil }
        let firstRight = firstCorrect.filter { $0 }.count
        let secondRight = secondCorrect.filter { $0 }.count
        let agreeing = zip(firstCorrect, secondCorrect).filter { $0 == $1 }.count
        let (r1, w1) = (Double(firstRight), Double(n - firstRight))
        let (r2, w2) = (Double(secondRight), Double(n - secondRight))
        // Numerator and denominator are both n² times DESIGN's; the factor cancels.
        let observedMinusExpected = Double(n) * Double(agreeing) - (r1 * r2 + w1 * w2)
        let oneMinusExpected = r1 * w2 + w1 * r2
        guard oneMinusExpected > 0 else { return nil }
        return observedMinusExpected / oneMinusExpected
    }
}
