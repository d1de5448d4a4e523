// MaxPool2D: non-overlapping max pooling with a square window (window ==
// stride, floor division, no padding). Backward routes each output gradient to
// the input position that won the max (first one on ties, like PyTorch).

public final class MaxPool2D: Layer {
    public let name: String
    public let size: Int
    private var cachedInputShape: [Int] = []
    private var cachedArgmax: [Int32] = []  // per output element: flat index into its input plane

    public init(name: String, size: Int = 2) {
        precondition(size >= 1)
        self.name = name
        self.size = size
    }

    public var summary: String { "maxpool \(size)x\(size) stride \(size)" }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 3, "\(name): expected [C, H, W], got \(inputShape)")
        return [inputShape[0], inputShape[1] / size, inputShape[2] / size]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard training else { return infer(x) }
        var argmax: [Int32] = []
        let y = pool(x, argmax: &argmax, recordArgmax: true)
        cachedInputShape = x.shape
        cachedArgmax = argmax
        return y
    }

    public func infer(_ x: Tensor) -> Tensor {
        var unused: [Int32] = []
        return pool(x, argmax: &unused, recordArgmax: false)
    }

    /// x: [N, C, H, W] -> y: [N, C, H/s, W/s]
    private func pool(_ x: Tensor, argmax: inout [Int32], recordArgmax: Bool) -> Tensor {
        precondition(x.shape.count == 4, "\(name): expected NCHW input, got \(x.shape)")
        let planes = x.shape[0] * x.shape[1]
        let h = x.shape[2], w = x.shape[3]
        let oh = h / size, ow = w / size
        var y = Tensor(zeros: [x.shape[0], x.shape[1], oh, ow])
        if recordArgmax { argmax = [Int32](repeating: 0, count: y.count) }
        let s = size
        x.data.withUnsafeBufferPointer { xb in
            y.data.withUnsafeMutableBufferPointer { yb in
                argmax.withUnsafeMutableBufferPointer { ab in
                    for plane in 0..<planes {
                        let src = xb.baseAddress! + plane * h * w
                        let dst = yb.baseAddress! + plane * oh * ow
                        for oy in 0..<oh {
                            for ox in 0..<ow {
                                var best = -Float.infinity
                                var bestIndex = (oy * s) * w + ox * s
                                for i in 0..<s {
                                    let rowStart = (oy * s + i) * w + ox * s
                                    for j in 0..<s where src[rowStart + j] > best {
                                        best = src[rowStart + j]
                                        bestIndex = rowStart + j
                                    }
                                }
                                dst[oy * ow + ox] = best
                                if recordArgmax { ab[plane * oh * ow + oy * ow + ox] = Int32(bestIndex) }
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    public func backward(_ dy: Tensor) -> Tensor {
        precondition(dy.count == cachedArgmax.count, "\(name): backward without a matching forward")
        var dx = Tensor(zeros: cachedInputShape)
        let h = cachedInputShape[2], w = cachedInputShape[3]
        let outPlane = (h / size) * (w / size)
        let planes = cachedInputShape[0] * cachedInputShape[1]
        dy.data.withUnsafeBufferPointer { db in
            cachedArgmax.withUnsafeBufferPointer { ab in
                dx.data.withUnsafeMutableBufferPointer { xb in
                    for plane in 0..<planes {
                        for q in 0..<outPlane {
                            let o = plane * outPlane + q
                            xb[plane * h * w + Int(ab[o])] += db[o]
                        }
                    }
                }
            }
        }
        return dx
    }
}
