// Dropout: "inverted" dropout — in training each activation is zeroed with
// probability p and the survivors are scaled by 1/(1-p), so inference is the
// identity. A fixed mask can be supplied so tests can check the gradient.

import SeededRandom

public final class Dropout: Layer {
    public let name: String
    public let probability: Float
    private var rng: SplitMix64
    private var cachedMask: [Float] = []
    /// When set, training forwards use this mask (values 0 or 1/(1-p)) instead of drawing one.
    public var fixedMask: [Float]?

    public init(name: String, probability: Float, seed: UInt64) {
        precondition(probability >= 0 && probability < 1)
        self.name = name
        self.probability = probability
        self.rng = SplitMix64(seed: seed)
    }

    public var summary: String { "dropout p=\(probability)" }

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard training else { return x }
        if let fixedMask {
            precondition(fixedMask.count == x.count, "\(name): fixed mask has \(fixedMask.count) values for \(x.count)")
            cachedMask = fixedMask
        } else {
            let keep = 1 / (1 - probability)
            cachedMask = (0..<x.count).map { _ in rng.nextFloat() < probability ? 0 : keep }
        }
        var y = x
        for i in y.data.indices { y.data[i] *= cachedMask[i] }
        return y
    }

    public func infer(_ x: Tensor) -> Tensor { x }

    public func backward(_ dy: Tensor) -> Tensor {
        precondition(dy.count == cachedMask.count, "\(name): backward without a matching forward")
        var dx = dy
        for i in dx.data.indices { dx.data[i] *= cachedMask[i] }
        return dx
    }
}
