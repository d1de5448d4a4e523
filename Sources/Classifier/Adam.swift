// Adam (Kingma & Ba, 2015) with bias-corrected moments; weight decay, if any,
// is decoupled from the gradient as in AdamW (Loshchilov & Hutter, 2019):
//   m = b1 m + (1-b1) g;  v = b2 v + (1-b2) g^2
//   w -= lr * ( m/(1-b1^t) / (sqrt(v/(1-b2^t)) + eps) + wd * w )

import Foundation

public final class Adam: Optimizer {
    public var learningRate: Float
    public let beta1: Float
    public let beta2: Float
    public let epsilon: Float
    public let weightDecay: Float
    private var firstMoment: [[Float]] = []
    private var secondMoment: [[Float]] = []
    private var steps = 0

    public init(learningRate: Float = 1e-3, beta1: Float = 0.9, beta2: Float = 0.999,
                epsilon: Float = 1e-8, weightDecay: Float = 0) {
        self.learningRate = learningRate
        self.beta1 = beta1
        self.beta2 = beta2
        self.epsilon = epsilon
        self.weightDecay = weightDecay
    }

    public func step(_ parameters: [Parameter]) {
        if firstMoment.isEmpty {
            firstMoment = parameters.map { [Float](repeating: 0, count: $0.count) }
            secondMoment = firstMoment
        }
        precondition(firstMoment.count == parameters.count, "Adam: parameter list changed between steps")
        steps += 1
        let b1 = beta1, b2 = beta2, eps = epsilon, lr = learningRate, wd = weightDecay
        // Bias corrections in Double: b2^t underflows Float precision slowly but surely.
        let c1 = Float(1 - pow(Double(b1), Double(steps)))
        let c2 = Float(1 - pow(Double(b2), Double(steps)))
        for (index, parameter) in parameters.enumerated() {
            parameter.grad.withUnsafeBufferPointer { g in
                firstMoment[index].withUnsafeMutableBufferPointer { m in
                    secondMoment[index].withUnsafeMutableBufferPointer { v in
                        parameter.value.withUnsafeMutableBufferPointer { w in
                            for i in w.indices {
                                m[i] = b1 * m[i] + (1 - b1) * g[i]
                                v[i] = b2 * v[i] + (1 - b2) * g[i] * g[i]
                                let mHat = m[i] / c1
                                let vHat = v[i] / c2
                                w[i] -= lr * (mHat / (vHat.squareRoot() + eps) + wd * w[i])
                            }
                        }
                    }
                }
            }
        }
    }
}
