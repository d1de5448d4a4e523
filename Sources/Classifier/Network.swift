// Network: a sequential stack of layers with a fixed per-sample input shape,
// and the factory for RefHuman's standard small CNN.

import SeededRandom

public final class Network {
    /// Per-sample input shape [C, H, W].
    public let inputShape: [Int]
    public let layers: [any Layer]

    public init(inputShape: [Int], layers: [any Layer]) {
        self.inputShape = inputShape
        self.layers = layers
        _ = outputShape  // validates that consecutive layer shapes fit
        // Nothing consumes the input's gradient, so the first conv need not compute it.
        (layers.first as? Conv2D)?.computesInputGradient = false
    }

    /// The standard architecture for a [channels, height, width] input:
    ///   conv 3x3 C->32 pad 1 -> ReLU -> maxpool 2 -> conv 3x3 32->64 pad 1 -> ReLU -> maxpool 2
    ///   -> flatten -> dense 64*(H/4)*(W/4) -> 128 -> ReLU -> dropout -> dense 128 -> classes.
    public static func standard(channels: Int, height: Int, width: Int, classes: Int,
                                dropout: Float = 0.3, seed: UInt64) -> Network {
        precondition(channels > 0 && height >= 4 && width >= 4 && classes >= 2,
                     "need at least a 1x4x4 input and two classes")
        var rng = SplitMix64(seed: seed)
        let flat = 64 * (height / 4) * (width / 4)
        let layers: [any Layer] = [
            Conv2D(name: "conv1", inChannels: channels, outChannels: 32, kernel: 3, pad: 1, rng: &rng),
            ReLU(name: "relu1"),
            MaxPool2D(name: "pool1", size: 2),
            Conv2D(name: "conv2", inChannels: 32, outChannels: 64, kernel: 3, pad: 1, rng: &rng),
            ReLU(name: "relu2"),
            MaxPool2D(name: "pool2", size: 2),
            Flatten(name: "flatten"),
            Dense(name: "fc1", inFeatures: flat, outFeatures: 128, rng: &rng),
            ReLU(name: "relu3"),
            Dropout(name: "dropout", probability: dropout, seed: rng.next()),
            Dense(name: "fc2", inFeatures: 128, outFeatures: classes, rng: &rng),
        ]
        return Network(inputShape: [channels, height, width], layers: layers)
    }

    public var parameters: [Parameter] { layers.flatMap(\.parameters) }

    /// Per-sample output shape (e.g. [classes]).
    public var outputShape: [Int] {
        layers.reduce(inputShape) { $1.outputShape(for: $0) }
    }

    /// x: [N, C, H, W] -> logits [N, classes]
    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        layers.reduce(x) { $1.forward($0, training: training) }
    }

    /// dLoss/dlogits -> fills every parameter's gradient; returns dLoss/dx.
    @discardableResult
    public func backward(_ dLogits: Tensor) -> Tensor {
        layers.reversed().reduce(dLogits) { $1.backward($0) }
    }

    /// Images evaluated together by `infer`: enough for efficient GEMMs, few enough
    /// that the activations of one chunk stay in cache instead of the whole batch's.
    public var inferenceChunk = 64

    /// Evaluation-mode forward that mutates nothing, so threads may share the network.
    /// x: [N, C, H, W] -> logits [N, classes], computed `inferenceChunk` images at a time.
    public func infer(_ x: Tensor) -> Tensor {
        let n = x.batch
        let chunk = max(1, inferenceChunk)
        guard n > chunk else { return inferChunk(x) }
        let per = x.count / n
        let classes = outputShape.reduce(1, *)
        var logits: [Float] = []
        logits.reserveCapacity(n * classes)
        for start in stride(from: 0, to: n, by: chunk) {
            let end = min(n, start + chunk)
            let slice = Tensor(shape: [end - start] + Array(x.shape[1...]),
                               data: Array(x.data[(start * per)..<(end * per)]))
            logits += inferChunk(slice).data
        }
        return Tensor(shape: [n, classes], data: logits)
    }

    /// Layer by layer, except that conv -> ReLU -> maxpool runs as one fused step where it can.
    private func inferChunk(_ x: Tensor) -> Tensor {
        var t = x
        var i = 0
        while i < layers.count {
            if i + 2 < layers.count, let conv = layers[i] as? Conv2D, layers[i + 1] is ReLU,
               let pool = layers[i + 2] as? MaxPool2D, let fused = conv.inferConvReLUPool(t, poolSize: pool.size) {
                t = fused
                i += 3
            } else {
                t = layers[i].infer(t)
                i += 1
            }
        }
        return t
    }

    /// The unfused reference for `infer`: every layer's own `infer`, whole batch at once.
    func inferLayerByLayer(_ x: Tensor) -> Tensor {
        layers.reduce(x) { $1.infer($0) }
    }

    public func describe() -> [LayerDescription] {
        var shape = inputShape
        return layers.map { layer in
            let out = layer.outputShape(for: shape)
            defer { shape = out }
            return LayerDescription(name: layer.name, kind: layer.summary, inputShape: shape,
                                    outputShape: out,
                                    parameterCount: layer.parameters.reduce(0) { $0 + $1.count })
        }
    }
}
