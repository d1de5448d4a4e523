// Inference: top-k on a network whose weights are set by hand so the right
// answer is known, and agreement between the threaded and serial paths.

import Testing
@testable import Classifier

@Suite struct InferenceTests {
    /// A standard network for 8x8 images and 4 classes, wired by hand to report
    /// which quadrant holds the brightest pixel:
    ///   conv1/conv2 pass channel 0 through (centre tap 1), ReLU keeps it, the two
    ///   2x2 pools leave the max of each 4x4 quadrant in channel 0's 2x2 map,
    ///   flatten puts those at features 0...3 (row-major: TL, TR, BL, BR),
    ///   fc1 copies them to units 0...3 and fc2 gives logit_q = 2 * max(quadrant q).
    func quadrantClassifier() throws -> ImageClassifier {
        let classifier = try ImageClassifier(channels: 1, height: 8, width: 8, classes: 4, seed: 1)
        for p in classifier.network.parameters { p.value = [Float](repeating: 0, count: p.count) }
        let params = Dictionary(uniqueKeysWithValues: classifier.network.parameters.map { ($0.name, $0) })
        params["conv1.weight"]!.value[4] = 1                 // [0, 0, 1, 1]
        params["conv2.weight"]!.value[4] = 1                 // [0, 0, 1, 1]
        for q in 0..<4 { params["fc1.weight"]!.value[q * 256 + q] = 1 }  // [q, q]
        for q in 0..<4 { params["fc2.weight"]!.value[q * 128 + q] = 2 }  // [q, q]
        return classifier
    }

    func image(brightAt row: Int, _ col: Int) -> [Float] {
        var x = [Float](repeating: 0, count: 64)
        x[row * 8 + col] = 1
        return x
    }

    /// Logits [2, 0, 0, 0] (bright pixel in quadrant 0) give softmax
    /// e^2 / (e^2 + 3) = 7.389056 / 10.389056 = 0.7112346 and 1 / 10.389056 = 0.0962551;
    /// ties rank by lower class index.
    @Test func topKOnConstructedNetwork() throws {
        let classifier = try quadrantClassifier()
        let batch = image(brightAt: 1, 2) + image(brightAt: 6, 7) + image(brightAt: 2, 5) + image(brightAt: 7, 0)
        let predictions = try classifier.predict(images: batch, topK: 3)
        #expect(predictions.map { $0[0].index } == [0, 3, 1, 2])
        let first = predictions[0]
        #expect(first.map(\.index) == [0, 1, 2])
        expectClose(first.map(\.score), [0.7112346, 0.0962551, 0.0962551], tolerance: 1e-5)
        #expect(predictions[1].map(\.index) == [3, 0, 1])
        // k beyond the class count is clamped; k = 0 gives nothing.
        #expect(try classifier.predict(images: batch, topK: 10)[0].count == 4)
        #expect(try classifier.predict(images: batch, topK: 0)[0].isEmpty)
    }

    @Test func topKRanksScores() {
        let probabilities = Tensor(shape: [2, 4], data: [0.1, 0.4, 0.2, 0.3,
                                                         0.25, 0.25, 0.5, 0])
        let top = ImageClassifier.topK(probabilities, k: 2)
        #expect(top[0] == [Prediction(index: 1, score: 0.4), Prediction(index: 3, score: 0.3)])
        #expect(top[1] == [Prediction(index: 2, score: 0.5), Prediction(index: 0, score: 0.25)])
    }

    @Test func threadedInferenceMatchesSerial() throws {
        let classifier = try ImageClassifier(channels: 1, height: 12, width: 12, classes: 5, seed: 8)
        let images = formula(7 * 144, 31, 5, 97, 0, 97)  // 7 images: uneven split across threads
        let serial = try classifier.logits(images: images, threads: 1)
        let threaded = try classifier.logits(images: images, threads: 2)
        let many = try classifier.logits(images: images, threads: 16)
        #expect(serial.shape == [7, 5])
        // Slices change the GEMM widths, and with them OpenBLAS's summation order (~1e-6 absolute).
        expectClose(threaded.data, serial.data, tolerance: 1e-4)
        expectClose(many.data, serial.data, tolerance: 1e-4)
        // Each image is scored independently of its batch.
        let alone = try classifier.logits(images: Array(images[(3 * 144)..<(4 * 144)]), threads: 1)
        expectClose(alone.data, Array(serial.data[15..<20]), tolerance: 1e-5)
    }

    @Test func refusesBadImageData() throws {
        let classifier = try ImageClassifier(channels: 1, height: 8, width: 8, classes: 4)
        #expect(throws: ClassifierError.imageDataSize(values: 100, perImage: 64)) {
            try classifier.predict(images: [Float](repeating: 0, count: 100))
        }
    }

    @Test func refusesImpossibleArchitectures() {
        #expect(throws: ClassifierError.invalidConfig("input must be at least 1x4x4, got 1x3x28")) {
            try ImageClassifier(channels: 1, height: 3, width: 28, classes: 10)
        }
        #expect(throws: ClassifierError.invalidConfig("need at least 2 classes, got 1")) {
            try ImageClassifier(channels: 1, height: 8, width: 8, classes: 1)
        }
        #expect(throws: ClassifierError.invalidConfig("dropout must be in [0, 1), got 1.0")) {
            try ImageClassifier(channels: 1, height: 8, width: 8, classes: 2, dropout: 1)
        }
    }
}

@Suite struct FusedInferenceTests {
    /// The chunked, fused conv+ReLU+pool path must agree with plain layer-by-layer
    /// evaluation (batch 70 spans two chunks of 64; 10x10 pools to 5x5 then 2x2).
    /// Several input depths, so conv1's GEMM inner dimension C*3*3 varies (9, 27, 36).
    @Test(arguments: [1, 3, 4])
    func fusedPathMatchesLayerByLayer(channels: Int) {
        let network = Network.standard(channels: channels, height: 10, width: 10, classes: 6, seed: 12)
        for p in network.parameters where p.name.hasSuffix("bias") {
            p.value = formula(p.count, 7, 3, 11, 5, 20)  // nonzero biases, some negative
        }
        let x = Tensor(shape: [70, channels, 10, 10], data: formula(70 * channels * 100, 53, 7, 89, 30, 60))
        let fused = network.infer(x)
        let plain = network.inferLayerByLayer(x)
        #expect(fused.shape == [70, 6])
        // Different chunking changes GEMM shapes and so rounding (~1e-7 absolute);
        // a fusion mistake would be off by O(1).
        expectClose(fused.data, plain.data, tolerance: 1e-3)
    }
}
