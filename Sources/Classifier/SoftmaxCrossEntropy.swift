// SoftmaxCrossEntropy: mean cross-entropy of softmax(logits) against integer
// labels, fused with the softmax because the combined gradient is simply
// (softmax - onehot) / N and the fused loss is numerically stable.

import Foundation

public final class SoftmaxCrossEntropy {
    private var cachedProbabilities: [Float] = []
    private var cachedLabels: [Int] = []
    private var classes = 0

    public init() {}

    /// Row-wise softmax of logits: [N, K] -> probabilities [N, K]. Subtracting the
    /// row max first keeps exp() from overflowing.
    public static func softmax(_ logits: Tensor) -> Tensor {
        precondition(logits.shape.count == 2)
        let n = logits.shape[0], k = logits.shape[1]
        var p = logits
        p.data.withUnsafeMutableBufferPointer { b in
            for i in 0..<n {
                let row = b.baseAddress! + i * k
                var m = -Float.infinity
                for j in 0..<k { m = max(m, row[j]) }
                var sum: Float = 0
                for j in 0..<k { row[j] = expf(row[j] - m); sum += row[j] }
                let inv = 1 / sum
                for j in 0..<k { row[j] *= inv }
            }
        }
        return p
    }

    /// logits: [N, K], labels: N values in 0..<K -> mean loss over the batch.
    public func forward(_ logits: Tensor, labels: [Int]) -> Float {
        precondition(logits.shape.count == 2 && logits.shape[0] == labels.count,
                     "logits \(logits.shape) vs \(labels.count) labels")
        let n = logits.shape[0], k = logits.shape[1]
        classes = k
        var total = 0.0
        logits.data.withUnsafeBufferPointer { b in
            for i in 0..<n {
                precondition(labels[i] >= 0 && labels[i] < k, "label \(labels[i]) outside 0..<\(k)")
                let row = b.baseAddress! + i * k
                var m = -Float.infinity
                for j in 0..<k { m = max(m, row[j]) }
                var sum = 0.0
                for j in 0..<k { sum += Double(expf(row[j] - m)) }
                // -log softmax_y = log(sum exp(z - m)) + m - z_y
                total += log(sum) + Double(m - row[labels[i]])
            }
        }
        cachedProbabilities = Self.softmax(logits).data
        cachedLabels = labels
        return Float(total / Double(max(n, 1)))
    }

    /// dLoss/dlogits: [N, K] = (softmax - onehot(labels)) / N
    public func backward() -> Tensor {
        let n = cachedLabels.count
        var d = Tensor(shape: [n, classes], data: cachedProbabilities)
        let scale = 1 / Float(max(n, 1))
        for i in 0..<n {
            d.data[i * classes + cachedLabels[i]] -= 1
        }
        for i in d.data.indices { d.data[i] *= scale }
        return d
    }
}
