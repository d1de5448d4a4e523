// Shared helpers for the tests: deterministic inputs, closeness checks and the
// central-difference gradient checker.

import Testing
@testable import Classifier

/// float32((((i * a + b) % m) - offset) / scale) for i in 0..<count — the same
/// formula torch_reference.py uses, evaluated in Double and rounded once.
func formula(_ count: Int, _ a: Int, _ b: Int, _ m: Int, _ offset: Double, _ scale: Double) -> [Float] {
    (0..<count).map { i in Float((Double((i * a + b) % m) - offset) / scale) }
}

/// Largest |a - b| / max(|a|, |b|, floor) over two arrays of equal length.
func worstRelativeError(_ a: [Float], _ b: [Float], floor: Double = 1e-3) -> Double {
    precondition(a.count == b.count, "\(a.count) vs \(b.count) values")
    var worst = 0.0
    for (x, y) in zip(a, b) {
        let dx = Double(x), dy = Double(y)
        worst = max(worst, abs(dx - dy) / max(abs(dx), abs(dy), floor))
    }
    return worst
}

func expectClose(_ actual: [Float], _ expected: [Float], tolerance: Double = 1e-4,
                 sourceLocation: SourceLocation = #_sourceLocation) {
    #expect(actual.count == expected.count, sourceLocation: sourceLocation)
    guard actual.count == expected.count else { return }
    let worst = worstRelativeError(actual, expected)
    #expect(worst <= tolerance, "worst relative error \(worst)", sourceLocation: sourceLocation)
}

/// Central-difference gradient check of one layer.
///
/// Objective: f(x, θ) = Σ_i y_i · r_i with y = layer.forward(x) and fixed weights r,
/// so df/dy = r and backward(r) must return df/dx and fill df/dθ. Each input and
/// parameter value v is nudged to v ± h and (f(v+h) - f(v-h)) / 2h is compared
/// with the analytic value. f is accumulated in Double from the Float outputs.
///
/// Tolerance (documented): relative error |a - n| / max(|a|, |n|, 0.1) ≤ 1e-2.
/// All layers here are piecewise linear, and inputs are kept further than h from
/// every kink (|x| ≥ 0.01 for ReLU, window entries ≥ 0.02 apart for max-pool), so
/// the central difference is exact up to float32 rounding: about 1e-4 absolute
/// with h = 4e-3. A wrong gradient is off by O(1), far above the tolerance.
struct GradientCheck {
    var worstInput = 0.0
    var worstParameter = 0.0

    static let tolerance = 1e-2
    static let step: Float = 4e-3
    static let floor = 0.1

    init(layer: any Layer, input: Tensor, upstream: [Float]) {
        let h = Self.step
        func objective(_ x: Tensor) -> Double {
            let y = layer.forward(x, training: true)
            precondition(y.count == upstream.count)
            return zip(y.data, upstream).reduce(0.0) { $0 + Double($1.0) * Double($1.1) }
        }
        let y = layer.forward(input, training: true)
        let dx = layer.backward(Tensor(shape: y.shape, data: upstream))
        let analyticParameters = layer.parameters.map(\.grad)

        /// (f(v + h) - f(v - h)) / 2h, with `set` placing each value and restoring v after.
        func centralDifference(at v: Float, set: (Float) -> Void, _ f: () -> Double) -> Float {
            set(v + h)
            let plus = f()
            set(v - h)
            let minus = f()
            set(v)
            return Float((plus - minus) / (2 * Double(h)))
        }

        var x = input
        for i in x.data.indices {
            let numeric = centralDifference(at: x.data[i], set: { x.data[i] = $0 }) { objective(x) }
            worstInput = max(worstInput, worstRelativeError([dx.data[i]], [numeric], floor: Self.floor))
        }
        for (p, parameter) in layer.parameters.enumerated() {
            for i in parameter.value.indices {
                let numeric = centralDifference(at: parameter.value[i], set: { parameter.value[i] = $0 }) { objective(input) }
                worstParameter = max(worstParameter,
                                     worstRelativeError([analyticParameters[p][i]], [numeric], floor: Self.floor))
            }
        }
    }
}
