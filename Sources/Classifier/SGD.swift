// SGD: stochastic gradient descent with classical (heavy-ball) momentum and
// optional L2 weight decay, in PyTorch's formulation:
//   g = grad + wd * w;  v = momentum * v + g;  w -= lr * v

public final class SGD: Optimizer {
    public var learningRate: Float
    public let momentum: Float
    public let weightDecay: Float
    private var velocity: [[Float]] = []  // one buffer per parameter, in order

    public init(learningRate: Float, momentum: Float = 0.9, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.momentum = momentum
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter]) {
        if velocity.isEmpty { velocity = parameters.map { [Float](repeating: 0, count: $0.count) } }
        precondition(velocity.count == parameters.count, "SGD: parameter list changed between steps")
        for (index, parameter) in parameters.enumerated() {
            let lr = learningRate, mu = momentum, wd = weightDecay
            parameter.grad.withUnsafeBufferPointer { g in
                velocity[index].withUnsafeMutableBufferPointer { v in
                    parameter.value.withUnsafeMutableBufferPointer { w in
                        for i in w.indices {
                            v[i] = mu * v[i] + g[i] + wd * w[i]
                            w[i] -= lr * v[i]
                        }
                    }
                }
            }
        }
    }
}
