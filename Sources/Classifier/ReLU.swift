// ReLU: y = max(x, 0) elementwise. The gradient passes where the output is
// positive (the subgradient at exactly 0 is taken as 0, as PyTorch does).

public final class ReLU: Layer {
    public let name: String
    private var cachedOutput: [Float] = []

    public init(name: String) {
        self.name = name
    }

    public var summary: String { "relu" }

    public func outputShape(for inputShape: [Int]) -> [Int] { inputShape }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        let y = infer(x)
        if training { cachedOutput = y.data }
        return y
    }

    public func infer(_ x: Tensor) -> Tensor {
        var y = x
        y.data.withUnsafeMutableBufferPointer { b in
            for i in b.indices where !(b[i] > 0) { b[i] = 0 }  // also maps NaN to 0
        }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        precondition(dy.count == cachedOutput.count, "\(name): backward without a matching forward")
        var dx = dy
        cachedOutput.withUnsafeBufferPointer { yb in
            dx.data.withUnsafeMutableBufferPointer { db in
                for i in db.indices where !(yb[i] > 0) { db[i] = 0 }
            }
        }
        return dx
    }
}
