// Winograd F(2x2, 3x3) inference against the im2col + GEMM convolution it
// replaces, on a case worked out by hand, and on whole networks.

@testable import Classifier
import SeededRandom
import Testing

/// Largest |a - b| over the largest |b|: the error relative to the output's scale.
/// Entry-by-entry relative error would be dominated by outputs that happen to
/// land near zero, where both paths carry the same absolute rounding error.
private func scaledError(_ a: [Float], _ b: [Float]) -> Double {
    let scale = b.reduce(0.0) { max($0, abs(Double($1))) }
    return worstRelativeError(a, b, floor: scale)
}

@Suite struct WinogradTests {
    /// Gaussian values with standard deviation `std`, from a fixed seed.
    func gaussians(_ count: Int, seed: UInt64, std: Double = 1) -> [Float] {
        var rng = SplitMix64(seed: seed)
        return (0..<count).map { _ in Float(rng.nextGaussian() * std) }
    }

    /// (batch, C, F, H, W): odd batches, several channel counts (C < 8 takes the
    /// direct multiply, C >= 8 the 16 GEMMs), sizes even but not multiples of 4,
    /// tile rows not multiples of the four SIMD lanes, and batches that leave a
    /// partial group of images for the GEMMs (winogradGroup 4).
    @Test(arguments: [
        (1, 1, 32, 28, 28),   // conv1 of the standard network, batch 1
        (3, 3, 5, 6, 10),     // direct multiply, several channels
        (5, 32, 64, 14, 14),  // conv2 of the standard network, groups of 4 + 1
        (7, 8, 3, 2, 2),      // one tile per image
        (9, 16, 12, 4, 6),    // tile rows shorter than four lanes
        (3, 13, 7, 10, 2),    // a single tile column
    ])
    func matchesIm2col(geometry: (Int, Int, Int, Int, Int)) throws {
        let (n, c, f, h, w) = geometry
        var rng = SplitMix64(seed: 5)
        let conv = Conv2D(name: "c", inChannels: c, outChannels: f, kernel: 3, pad: 1, rng: &rng)
        conv.bias.value = gaussians(f, seed: 6, std: 0.5)
        let x = Tensor(shape: [n, c, h, w], data: gaussians(n * c * h * w, seed: 7))
        #expect(conv.winogradApplies(to: x))

        conv.usesWinograd = false
        let plain = conv.infer(x)
        #expect(conv.inferConvReLUPool(x, poolSize: 2) == nil)
        let pooled = MaxPool2D(name: "p").infer(ReLU(name: "r").infer(plain))
        conv.usesWinograd = true
        let winogradPlain = conv.infer(x)
        let winogradPooled = try #require(conv.inferConvReLUPool(x, poolSize: 2))

        #expect(winogradPlain.shape == [n, f, h, w])
        #expect(winogradPooled.shape == [n, f, h / 2, w / 2])
        // float32 rounding in a different order: ~1e-6 of the output scale. A wrong
        // transform or a misplaced tile is off by O(1).
        #expect(scaledError(winogradPlain.data, plain.data) <= 1e-4)
        #expect(scaledError(winogradPooled.data, pooled.data) <= 1e-4)
    }

    /// A 4x4 image, so one 2x2 pool window per Winograd tile, with
    ///   channel 0 = [ 1  2  3  4]    channel 1 = all ones, the rest = 7 (zero weights).
    ///               [ 5  6  7  8]
    ///               [ 9 10 11 12]
    ///               [13 14 15 16]
    /// Output 0 = channel 0 (centre tap 1) + channel 1 summed over each 3x3
    /// neighbourhood (all-ones filter: 4 at corners, 6 on edges, 9 inside) + 0.5:
    ///   [ 5  8  9  8]          pooled: max(5, 8, 11, 15) = 15, max(9, 8, 16, 14) = 16,
    ///   [11 15 16 14] + 0.5            max(15, 19, 17, 20) = 20, max(20, 18, 21, 20) = 21
    ///   [15 19 20 18]                  -> 15.5, 16.5, 20.5, 21.5
    ///   [17 20 21 20]
    /// Output 1 = channel 0 through the top-left tap only, i.e. shifted one pixel
    /// down and right (0 coming in from the pad), - 2:
    ///   [0 0  0  0]            pooled: max 1, 3, 9, 11 -> ReLU(-1, 1, 7, 9) = 0, 1, 7, 9
    ///   [0 1  2  3] - 2
    ///   [0 5  6  7]
    ///   [0 9 10 11]
    /// Every intermediate (the 1/2s of G included) is exact in float32, so the
    /// results must be exact. 2 channels take the direct multiply, 8 the GEMMs.
    @Test(arguments: [2, 8])
    func handWorkedTiles(channels c: Int) throws {
        var rng = SplitMix64(seed: 0)
        let conv = Conv2D(name: "c", inChannels: c, outChannels: 2, kernel: 3, pad: 1, rng: &rng)
        var weights = [Float](repeating: 0, count: 2 * c * 9)  // [2, C, 3, 3]
        weights[4] = 1                                          // [0, 0, 1, 1]
        for k in 0..<9 { weights[9 + k] = 1 }                   // [0, 1, ., .]
        weights[c * 9] = 1                                      // [1, 0, 0, 0]
        conv.weight.value = weights
        conv.bias.value = [0.5, -2]
        let plane0 = (1...16).map(Float.init)
        let x = Tensor(shape: [1, c, 4, 4],
                       data: plane0 + [Float](repeating: 1, count: 16) + [Float](repeating: 7, count: (c - 2) * 16))
        #expect(conv.winogradApplies(to: x))

        let y = conv.infer(x)
        let expected0: [Float] = [5, 8, 9, 8, 11, 15, 16, 14, 15, 19, 20, 18, 17, 20, 21, 20].map { $0 + 0.5 }
        let expected1: [Float] = [0, 0, 0, 0, 0, 1, 2, 3, 0, 5, 6, 7, 0, 9, 10, 11].map { $0 - 2 }
        #expect(y.shape == [1, 2, 4, 4])
        #expect(y.data == expected0 + expected1)

        let pooled = try #require(conv.inferConvReLUPool(x, poolSize: 2))
        #expect(pooled.shape == [1, 2, 2, 2])
        #expect(pooled.data == [15.5, 16.5, 20.5, 21.5, 0, 1, 7, 9])
    }

    /// G g G^T by hand for g = [1 2 3; 4 5 6; 7 8 9] (rows of g, then G applied on both sides):
    ///   G g = [1 2 3; 6 7.5 9; 2 2.5 3; 7 8 9]
    ///   row [a b c] -> [a, (a+b+c)/2, (a-b+c)/2, c]:
    ///   [1 3 1 3; 6 11.25 3.75 9; 2 3.75 1.25 3; 7 12 4 9]
    @Test func weightTransformByHand() {
        let u = Winograd.transformWeights((1...9).map(Float.init), outChannels: 1, inChannels: 1)
        #expect(u == [1, 3, 1, 3, 6, 11.25, 3.75, 9, 2, 3.75, 1.25, 3, 7, 12, 4, 9])
    }

    /// The transformed weights are cached; writing new weights must be seen by the
    /// next inference, both for in-place edits and for whole-array assignment.
    @Test func cacheFollowsWeightChanges() {
        var rng = SplitMix64(seed: 3)
        let conv = Conv2D(name: "c", inChannels: 8, outChannels: 4, kernel: 3, pad: 1, rng: &rng)
        let x = Tensor(shape: [2, 8, 6, 6], data: gaussians(2 * 8 * 36, seed: 4))
        func check() {
            conv.usesWinograd = false
            let reference = conv.infer(x)
            conv.usesWinograd = true
            #expect(scaledError(conv.infer(x).data, reference.data) <= 1e-4)
        }
        check()
        conv.weight.value[13] += 1
        check()
        conv.weight.value.withUnsafeMutableBufferPointer { w in
            for i in w.indices { w[i] *= -0.5 }
        }
        check()
        conv.weight.value = gaussians(conv.weight.count, seed: 9)
        check()
    }
}

@Suite struct WinogradNetworkTests {
    /// The standard 28x28 network with random weights and nonzero biases.
    func network(seed: UInt64) -> Network {
        let network = Network.standard(channels: 1, height: 28, width: 28, classes: 10, seed: seed)
        for p in network.parameters where p.name.hasSuffix("bias") {
            p.value = formula(p.count, 7, 3, 11, 5, 20)  // some negative
        }
        return network
    }

    /// The fused Winograd path (conv + bias + ReLU + pool from each output tile)
    /// picks the same class as plain layer-by-layer evaluation, with im2col
    /// convolutions and with unfused Winograd ones. Batch 77 spans two chunks of 64
    /// and leaves partial Winograd groups.
    @Test func fusedWinogradAgreesWithLayerByLayer() {
        let network = network(seed: 21)
        let x = Tensor(shape: [77, 1, 28, 28], data: formula(77 * 784, 37, 11, 101, 0, 101))
        let fused = network.infer(x)
        let winogradLayers = network.inferLayerByLayer(x)
        for case let conv as Conv2D in network.layers { conv.usesWinograd = false }
        let im2colLayers = network.inferLayerByLayer(x)
        let im2colFused = network.infer(x)

        #expect(fused.shape == [77, 10])
        #expect(Trainer.argmax(fused) == Trainer.argmax(im2colLayers))
        #expect(Trainer.argmax(fused) == Trainer.argmax(winogradLayers))
        #expect(Trainer.argmax(fused) == Trainer.argmax(im2colFused))
        #expect(scaledError(fused.data, im2colLayers.data) <= 1e-4)
        #expect(scaledError(fused.data, winogradLayers.data) <= 1e-4)
    }
}
