// Dense: fully connected layer y = x W^T + b. Weights are [out, in] like
// torch.nn.Linear so safetensors files interchange without transposing.

import SeededRandom

public final class Dense: Layer {
    public let name: String
    public let inFeatures: Int
    public let outFeatures: Int
    public let weight: Parameter  // [out, in]
    public let bias: Parameter    // [out]
    private var cachedInput: Tensor = Tensor(zeros: [0])

    public init(name: String, inFeatures: Int, outFeatures: Int, rng: inout SplitMix64) {
        self.name = name
        self.inFeatures = inFeatures
        self.outFeatures = outFeatures
        // He initialisation: std = sqrt(2 / fan_in).
        let std = (2.0 / Double(inFeatures)).squareRoot()
        let w = (0..<(outFeatures * inFeatures)).map { _ in Float(rng.nextGaussian() * std) }
        weight = Parameter(name: "\(name).weight", shape: [outFeatures, inFeatures], value: w)
        bias = Parameter(name: "\(name).bias", shape: [outFeatures],
                         value: [Float](repeating: 0, count: outFeatures))
    }

    public var parameters: [Parameter] { [weight, bias] }

    public var summary: String { "dense \(inFeatures)->\(outFeatures)" }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.reduce(1, *) == inFeatures,
                     "\(name): expected \(inFeatures) features, got \(inputShape)")
        return [outFeatures]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        if training { cachedInput = x }
        return infer(x)
    }

    /// x: [N, in] -> y: [N, out]
    public func infer(_ x: Tensor) -> Tensor {
        let n = x.batch
        precondition(x.count == n * inFeatures, "\(name): input \(x.shape) is not [N, \(inFeatures)]")
        // Start from the bias in every row so the GEMM can add into it (beta = 1).
        var y = Tensor(zeros: [n, outFeatures])
        y.data.withUnsafeMutableBufferPointer { yb in
            bias.value.withUnsafeBufferPointer { bb in
                for i in 0..<n {
                    for o in 0..<outFeatures { yb[i * outFeatures + o] = bb[o] }
                }
            }
            x.data.withUnsafeBufferPointer { xb in
                weight.value.withUnsafeBufferPointer { wb in
                    if n == 1 {
                        // y[out] += W[out, in] * x[in]
                        BLAS.gemv(m: outFeatures, n: inFeatures, a: wb.baseAddress!, lda: inFeatures,
                                  x: xb.baseAddress!, beta: 1, y: yb.baseAddress!)
                        return
                    }
                    // y[N, out] += x[N, in] * W^T[in, out]
                    BLAS.gemm(transA: false, transB: true, m: n, n: outFeatures, k: inFeatures,
                              a: xb.baseAddress!, lda: inFeatures,
                              b: wb.baseAddress!, ldb: inFeatures,
                              beta: 1, c: yb.baseAddress!, ldc: outFeatures)
                }
            }
        }
        return y
    }

    /// dy: [N, out] -> dx: [N, in] (shaped like the forward input)
    public func backward(_ dy: Tensor) -> Tensor {
        let n = cachedInput.batch
        precondition(dy.shape == [n, outFeatures], "\(name): dy shape \(dy.shape)")
        var dx = Tensor(zeros: cachedInput.shape)
        var dbias = [Float](repeating: 0, count: outFeatures)
        dy.data.withUnsafeBufferPointer { db in
            for i in 0..<n {
                for o in 0..<outFeatures { dbias[o] += db[i * outFeatures + o] }
            }
            cachedInput.data.withUnsafeBufferPointer { xb in
                // dW[out, in] = dy^T[out, N] * x[N, in]
                weight.grad.withUnsafeMutableBufferPointer { gb in
                    BLAS.gemm(transA: true, transB: false, m: outFeatures, n: inFeatures, k: n,
                              a: db.baseAddress!, lda: outFeatures,
                              b: xb.baseAddress!, ldb: inFeatures,
                              c: gb.baseAddress!, ldc: inFeatures)
                }
            }
            weight.value.withUnsafeBufferPointer { wb in
                dx.data.withUnsafeMutableBufferPointer { xb in
                    // dx[N, in] = dy[N, out] * W[out, in]
                    BLAS.gemm(transA: false, transB: false, m: n, n: inFeatures, k: outFeatures,
                              a: db.baseAddress!, lda: outFeatures,
                              b: wb.baseAddress!, ldb: inFeatures,
                              c: xb.baseAddress!, ldc: inFeatures)
                }
            }
        }
        bias.grad = dbias
        return dx
    }
}
