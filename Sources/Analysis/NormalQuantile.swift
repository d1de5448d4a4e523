// NormalQuantile: the standard normal quantile Φ⁻¹(p), for the z values of sample-size plans.
import Foundation

/// Acklam's rational approximation (relative error below 1.2e-9) gives a first x; one
/// Halley step on Φ(x) − p, with Φ from the C library's erfc, brings it to double
/// precision. erfc rather than 1 − erf keeps the tails accurate, where 1 − erf cancels.
/// Above ½ the quantile is −Φ⁻¹(1 − p): 1 − p is exact there (Sterbenz), and Φ(x) − p
/// near 1 would lose the digits the upper tail needs.
public enum NormalQuantile {
    /// Φ⁻¹(p) for p in (0, 1).
    public static func of(_ p: Double) -> Double {
        precondition(p > 0 && p < 1, "a normal quantile needs p in (0, 1)")
        if p > 0.5 { return -of(1 - p) }
        let x = first(p)
        let e = 0.5 * erfc(-x / 2.0.squareRoot()) - p
        let u = e * (2 * Double.pi).squareRoot() * exp(x * x / 2)
        return x - u / (1 + x * u / 2)
    }

    private static let a = [-3.969683028665376e+01, 2.209460984245205e+02, -2.759285104469687e+02,
                            1.383577518672690e+02, -3.066479806614716e+01, 2.506628277459239e+00]
    private static let b = [-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                            6.680131188771972e+01, -1.328068155288572e+01]
    private static let c = [-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                            -2.549732539343734e+00, 4.374664141464968e+00, 2.938163982698783e+00]
    private static let d = [7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00, 3.754408661907416e+00]
    /// Below this the tail formula holds.
    private static let tail = 0.02425

    private static func first(_ p: Double) -> Double {
        if p < tail { return tailValue(p) }
        let q = p - 0.5
        let r = q * q
        return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q
            / (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1)
    }

    /// The lower tail.
    private static func tailValue(_ p: Double) -> Double {
        let q = (-2 * log(p)).squareRoot()
        return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5])
            / ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1)
    }
}
