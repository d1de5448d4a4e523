// Flatten: [N, C, H, W] -> [N, C*H*W], a reshape with no data movement, kept
// as a layer so the architecture list in the model card shows it.

public final class Flatten: Layer {
    public let name: String
    private var cachedInputShape: [Int] = []

    public init(name: String) {
        self.name = name
    }

    public var summary: String { "flatten" }

    public func outputShape(for inputShape: [Int]) -> [Int] { [inputShape.reduce(1, *)] }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        if training { cachedInputShape = x.shape }
        return infer(x)
    }

    public func infer(_ x: Tensor) -> Tensor {
        x.reshaped([x.batch, x.count / max(x.batch, 1)])
    }

    public func backward(_ dy: Tensor) -> Tensor {
        dy.reshaped(cachedInputShape)
    }
}
