// Finite-difference gradient checks for every layer's backward pass.

import SeededRandom
import Testing
@testable import Classifier

@Suite struct GradientCheckTests {
    /// Values (k - 50.5) / 50 for k a permutation-like sequence mod 101: never
    /// within 0.01 of zero and 0.02 apart, so no ReLU or max-pool kink is crossed.
    func input(_ shape: [Int], salt: Int = 0) -> Tensor {
        Tensor(shape: shape, data: formula(shape.reduce(1, *), 37, 11 + salt, 101, 50.5, 50))
    }

    func upstream(_ count: Int) -> [Float] {
        formula(count, 29, 3, 23, 11, 10)
    }

    @Test func conv2dPadded() {
        var rng = SplitMix64(seed: 7)
        let conv = Conv2D(name: "c", inChannels: 2, outChannels: 3, kernel: 3, pad: 1, rng: &rng)
        conv.bias.value = [0.1, -0.2, 0.3]
        let check = GradientCheck(layer: conv, input: input([2, 2, 5, 5]), upstream: upstream(2 * 3 * 5 * 5))
        #expect(check.worstInput <= GradientCheck.tolerance)
        #expect(check.worstParameter <= GradientCheck.tolerance)
    }

    @Test func conv2dStridedUnpadded() {
        var rng = SplitMix64(seed: 8)
        let conv = Conv2D(name: "c", inChannels: 3, outChannels: 2, kernel: 3, stride: 2, pad: 0, rng: &rng)
        let check = GradientCheck(layer: conv, input: input([2, 3, 7, 7]), upstream: upstream(2 * 2 * 3 * 3))
        #expect(check.worstInput <= GradientCheck.tolerance)
        #expect(check.worstParameter <= GradientCheck.tolerance)
    }

    @Test func relu() {
        let check = GradientCheck(layer: ReLU(name: "r"), input: input([2, 3, 4, 4]), upstream: upstream(96))
        #expect(check.worstInput <= GradientCheck.tolerance)
    }

    @Test func maxPool() {
        let check = GradientCheck(layer: MaxPool2D(name: "p", size: 2), input: input([2, 2, 6, 6]),
                                  upstream: upstream(2 * 2 * 3 * 3))
        #expect(check.worstInput <= GradientCheck.tolerance)
    }

    @Test func maxPoolOddSizeDropsLastRowAndColumn() {
        let check = GradientCheck(layer: MaxPool2D(name: "p", size: 2), input: input([1, 2, 5, 5]),
                                  upstream: upstream(2 * 2 * 2))
        #expect(check.worstInput <= GradientCheck.tolerance)
    }

    @Test func dense() {
        var rng = SplitMix64(seed: 9)
        let dense = Dense(name: "d", inFeatures: 12, outFeatures: 5, rng: &rng)
        dense.bias.value = [0.5, -0.5, 0.25, 0, 1]
        let check = GradientCheck(layer: dense, input: input([3, 12]), upstream: upstream(15))
        #expect(check.worstInput <= GradientCheck.tolerance)
        #expect(check.worstParameter <= GradientCheck.tolerance)
    }

    @Test func dropoutWithFixedMask() {
        let dropout = Dropout(name: "d", probability: 0.5, seed: 1)
        // Every third unit dropped, the rest scaled by 1/(1-p) = 2.
        dropout.fixedMask = (0..<24).map { $0 % 3 == 0 ? 0 : 2 }
        let check = GradientCheck(layer: dropout, input: input([2, 12]), upstream: upstream(24))
        #expect(check.worstInput <= GradientCheck.tolerance)
        // And the mask really is applied: y = x * mask.
        let x = input([2, 12])
        let y = dropout.forward(x, training: true)
        #expect(y.data == zip(x.data, dropout.fixedMask!).map { $0 * $1 })
        #expect(dropout.forward(x, training: false) == x)
    }

    @Test func dropoutDrawsAboutPOfUnits() {
        let dropout = Dropout(name: "d", probability: 0.25, seed: 3)
        let y = dropout.forward(Tensor(shape: [1, 10_000], data: [Float](repeating: 1, count: 10_000)), training: true)
        let dropped = y.data.filter { $0 == 0 }.count
        #expect((2_300...2_700).contains(dropped))
        #expect(y.data.allSatisfy { $0 == 0 || abs($0 - 4.0 / 3.0) < 1e-6 })
    }

    /// Softmax-CE is smooth, not piecewise linear: the central difference has an
    /// O(h²) truncation error, ~1e-6 here, still far inside the tolerance.
    @Test func softmaxCrossEntropy() {
        let loss = SoftmaxCrossEntropy()
        var logits = input([3, 5])
        let labels = [4, 0, 2]
        _ = loss.forward(logits, labels: labels)
        let analytic = loss.backward()
        let h = GradientCheck.step
        var worst = 0.0
        for i in logits.data.indices {
            let v = logits.data[i]
            logits.data[i] = v + h
            let plus = Double(loss.forward(logits, labels: labels))
            logits.data[i] = v - h
            let minus = Double(loss.forward(logits, labels: labels))
            logits.data[i] = v
            let numeric = Float((plus - minus) / (2 * Double(h)))
            worst = max(worst, worstRelativeError([analytic.data[i]], [numeric], floor: GradientCheck.floor))
        }
        #expect(worst <= GradientCheck.tolerance)
    }

    /// The checker itself must be able to fail: a layer whose backward is off by 2x.
    @Test func checkerCatchesAWrongGradient() {
        final class Doubling: Layer {
            let name = "bad"
            var summary: String { "bad" }
            func outputShape(for inputShape: [Int]) -> [Int] { inputShape }
            func forward(_ x: Tensor, training: Bool) -> Tensor { x }
            func infer(_ x: Tensor) -> Tensor { x }
            func backward(_ dy: Tensor) -> Tensor {
                Tensor(shape: dy.shape, data: dy.data.map { 2 * $0 })
            }
        }
        let check = GradientCheck(layer: Doubling(), input: input([1, 8]), upstream: upstream(8))
        #expect(check.worstInput > GradientCheck.tolerance)
    }
}
