// Trainer: runs mini-batch epochs over an in-memory dataset — shuffle, augment,
// forward, loss, backward, optimiser step — with all randomness drawn from one
// seeded generator so a run repeats exactly.

import Foundation
import SeededRandom

final class Trainer {
    let network: Network
    let config: TrainingConfig
    let optimizer: any Optimizer
    private let loss = SoftmaxCrossEntropy()
    private let augmenter: Augmenter
    private var rng: SplitMix64

    init(network: Network, config: TrainingConfig) {
        self.network = network
        self.config = config
        switch config.optimizer {
        case .sgd:
            optimizer = SGD(learningRate: config.learningRate, momentum: config.momentum,
                            weightDecay: config.weightDecay)
        case .adam:
            optimizer = Adam(learningRate: config.learningRate, beta1: config.beta1, beta2: config.beta2,
                             epsilon: config.epsilon, weightDecay: config.weightDecay)
        }
        augmenter = Augmenter(horizontalFlip: config.horizontalFlip, maxShift: config.maxShift)
        rng = SplitMix64(seed: config.seed)
    }

    /// Learning rate for 0-based epoch e: constant, or half a cosine from lr down towards 0.
    func learningRate(epoch e: Int) -> Float {
        guard config.cosineSchedule, config.epochs > 1 else { return config.learningRate }
        return config.learningRate * Float(0.5 * (1 + cos(Double.pi * Double(e) / Double(config.epochs))))
    }

    /// One pass over images: [count, C, H, W] flattened, values in [0, 1].
    /// Returns the mean loss and the accuracy on the batches as trained.
    func runEpoch(_ epoch: Int, images: [Float], labels: [Int]) -> (loss: Double, accuracy: Double) {
        optimizer.learningRate = learningRate(epoch: epoch)
        let shape = network.inputShape
        let (c, h, w) = (shape[0], shape[1], shape[2])
        let per = c * h * w
        let n = labels.count
        let order = rng.permutation(n)
        let parameters = network.parameters
        let batchSize = max(1, config.batchSize)
        var batch = [Float](repeating: 0, count: batchSize * per)  // x: [B, C, H, W]
        var batchLabels = [Int](repeating: 0, count: batchSize)
        var lossSum = 0.0
        var correct = 0

        var start = 0
        while start < n {
            let b = min(batchSize, n - start)
            images.withUnsafeBufferPointer { src in
                batch.withUnsafeMutableBufferPointer { dst in
                    for i in 0..<b {
                        let index = order[start + i]
                        augmenter.apply(src.baseAddress! + index * per, to: dst.baseAddress! + i * per,
                                        channels: c, height: h, width: w, rng: &rng)
                        batchLabels[i] = labels[index]
                    }
                }
            }
            let x = Tensor(shape: [b, c, h, w], data: Array(batch[0..<(b * per)]))
            let y = Array(batchLabels[0..<b])
            let logits = network.forward(x, training: true)  // [B, classes]
            lossSum += Double(loss.forward(logits, labels: y)) * Double(b)
            correct += zip(Self.argmax(logits), y).filter { $0 == $1 }.count
            network.backward(loss.backward())
            optimizer.step(parameters)
            start += b
        }
        return (lossSum / Double(max(n, 1)), Double(correct) / Double(max(n, 1)))
    }

    /// Row-wise argmax of [N, K] (first index on ties).
    static func argmax(_ t: Tensor) -> [Int] {
        let n = t.shape[0], k = t.shape[1]
        return (0..<n).map { i in
            var best = 0
            for j in 1..<k where t.data[i * k + j] > t.data[i * k + best] { best = j }
            return best
        }
    }
}
