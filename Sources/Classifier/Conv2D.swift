// Conv2D: 2-D convolution (PyTorch's cross-correlation convention) computed as
// im2col + one sgemm per group of images. Weights are [F, C, KH, KW] and bias
// [F], the same layout torch.nn.Conv2d uses, so safetensors files interchange.

import SeededRandom

public final class Conv2D: Layer {
    public let name: String
    public let inChannels: Int
    public let outChannels: Int
    public let kernel: Int
    public let stride: Int
    public let pad: Int
    public let weight: Parameter  // [F, C, K, K]
    public let bias: Parameter    // [F]
    /// The first layer's input gradient is never used, so training can skip it.
    public var computesInputGradient = true
    /// Images unfolded per sgemm during inference; small groups keep the column buffer
    /// in L2 (compare with ClassifierBenchmark --group).
    public var inferenceGroup = 2
    /// Inference runs Winograd F(2x2, 3x3) (see Winograd) instead of im2col + GEMM
    /// where it applies: 3x3, stride 1, pad 1, even H and W. Off: im2col everywhere
    /// (the reference the tests compare against).
    public var usesWinograd = true
    /// Images whose tiles share one set of 16 Winograd GEMMs (conv2 of the standard
    /// network; C < 8 needs none); compare with ClassifierBenchmark --winograd-group.
    public var winogradGroup = 4
    private let winogradWeights = WinogradWeights()

    // Cached by a training forward: input geometry and the column matrix
    // col: [C*K*K, N*OH*OW].
    private var cachedInputShape: [Int] = []
    private var cachedColumns: [Float] = []

    public init(name: String, inChannels: Int, outChannels: Int, kernel: Int,
                stride: Int = 1, pad: Int = 0, rng: inout SplitMix64) {
        self.name = name
        self.inChannels = inChannels
        self.outChannels = outChannels
        self.kernel = kernel
        self.stride = stride
        self.pad = pad
        // He et al. 2015: std = sqrt(2 / fan_in) keeps activation variance steady through ReLUs.
        let fanIn = inChannels * kernel * kernel
        let std = (2.0 / Double(fanIn)).squareRoot()
        let w = (0..<(outChannels * fanIn)).map { _ in Float(rng.nextGaussian() * std) }
        weight = Parameter(name: "\(name).weight", shape: [outChannels, inChannels, kernel, kernel], value: w)
        bias = Parameter(name: "\(name).bias", shape: [outChannels],
                         value: [Float](repeating: 0, count: outChannels))
    }

    public var parameters: [Parameter] { [weight, bias] }

    public var summary: String {
        "conv2d \(kernel)x\(kernel) \(inChannels)->\(outChannels) stride \(stride) pad \(pad)"
    }

    public func outputShape(for inputShape: [Int]) -> [Int] {
        precondition(inputShape.count == 3 && inputShape[0] == inChannels,
                     "\(name): expected [\(inChannels), H, W], got \(inputShape)")
        return [outChannels,
                (inputShape[1] + 2 * pad - kernel) / stride + 1,
                (inputShape[2] + 2 * pad - kernel) / stride + 1]
    }

    public func forward(_ x: Tensor, training: Bool) -> Tensor {
        guard training else { return infer(x) }
        // Training keeps the whole batch's columns for the weight gradient.
        let (y, col) = convolve(x, group: max(1, x.batch))
        cachedInputShape = x.shape
        cachedColumns = col
        return y
    }

    public func infer(_ x: Tensor) -> Tensor {
        if winogradApplies(to: x) { return winograd(x, pooled: false) }
        return convolve(x, group: inferenceGroup).output
    }

    /// Whether inference on x takes the Winograd path.
    func winogradApplies(to x: Tensor) -> Bool {
        usesWinograd && kernel == 3 && stride == 1 && pad == 1
            && x.shape.count == 4 && x.shape[2] % 2 == 0 && x.shape[3] % 2 == 0
    }

    /// x: [N, C, H, W] -> pooled ? ReLU(maxpool2(conv + bias)): [N, F, H/2, W/2] : conv + bias: [N, F, H, W]
    private func winograd(_ x: Tensor, pooled: Bool) -> Tensor {
        precondition(x.shape[1] == inChannels, "\(name): expected \(inChannels) channels, got \(x.shape)")
        let u = winogradWeights.transformed(for: weight.value, outChannels: outChannels, inChannels: inChannels)
        return u.withUnsafeBufferPointer { ub in
            bias.value.withUnsafeBufferPointer { bb in
                Winograd.convolve(x, u: ub.baseAddress!, bias: bb.baseAddress!, outChannels: outChannels,
                                  group: winogradGroup, pooled: pooled)
            }
        }
    }

    /// x: [N, C, H, W] -> y: [N, F, OH, OW]; also returns the last group's columns.
    private func convolve(_ x: Tensor, group: Int) -> (output: Tensor, columns: [Float]) {
        let (oh, ow) = outputSize(x)
        let f = outChannels, p = oh * ow
        var y = Tensor(shape: [x.batch, f, oh, ow], data: ScratchBuffer.floats(x.batch * f * p))
        let col = y.data.withUnsafeMutableBufferPointer { yb in
            gemmGroups(x, group: group) { start, count, gemmOut, columns in
                // Back to NCHW, adding the bias on the way.
                for i in 0..<count {
                    let dst = yb.baseAddress! + (start + i) * f * p
                    for c in 0..<f {
                        let src = gemmOut + c * columns + i * p
                        let b = bias.value[c]
                        let row = dst + c * p
                        for q in 0..<p { row[q] = src[q] + b }
                    }
                }
            }
        }
        return (y, col)
    }

    /// conv -> ReLU -> maxpool(2) in one pass where Winograd applies: each 2x2 output
    /// tile is exactly one pool window, so the full-size activation never exists.
    /// max-then-bias-then-ReLU equals pool(ReLU(conv + bias)) because the bias is constant
    /// per channel and ReLU is monotonic. nil where it does not apply (run the layers).
    /// x: [N, C, H, W] -> y: [N, F, H/2, W/2]
    func inferConvReLUPool(_ x: Tensor, poolSize s: Int) -> Tensor? {
        s == 2 && winogradApplies(to: x) ? winograd(x, pooled: true) : nil
    }

    private func outputSize(_ x: Tensor) -> (Int, Int) {
        precondition(x.shape.count == 4, "\(name): expected NCHW input, got \(x.shape)")
        let out = outputShape(for: Array(x.shape[1...]))
        return (out[1], out[2])
    }

    /// The convolution proper. For each group of up to `group` images:
    ///   col[K, g*P] = im2col of the g images side by side    (K = C*KH*KW, P = OH*OW)
    ///   gemmOut[F, g*P] = W[F, K] * col[K, g*P]
    /// then `epilogue(firstImage, g, gemmOut, g*P)` moves the result where it belongs.
    /// Returns the column buffer, which holds the last group (all of x when group >= N).
    private func gemmGroups(
        _ x: Tensor, group: Int,
        epilogue: (_ start: Int, _ count: Int, _ gemmOut: UnsafePointer<Float>, _ columns: Int) -> Void
    ) -> [Float] {
        let n = x.shape[0], h = x.shape[2], w = x.shape[3]
        let (oh, ow) = outputSize(x)
        let p = oh * ow
        let k = inChannels * kernel * kernel
        let f = outChannels
        let g = min(group, max(n, 1))
        var col = ScratchBuffer.floats(k * g * p)       // fully written by im2col
        var gemmOut = ScratchBuffer.floats(f * g * p)   // fully written by the GEMM (beta = 0)
        x.data.withUnsafeBufferPointer { xb in
            weight.value.withUnsafeBufferPointer { wb in
                col.withUnsafeMutableBufferPointer { cb in
                    gemmOut.withUnsafeMutableBufferPointer { ob in
                        var start = 0
                        while start < n {
                            let gi = min(g, n - start)
                            let columns = gi * p
                            for i in 0..<gi {
                                Im2Col.unfold(
                                    xb.baseAddress! + (start + i) * inChannels * h * w,
                                    channels: inChannels, height: h, width: w,
                                    kernel: kernel, stride: stride, pad: pad,
                                    outHeight: oh, outWidth: ow,
                                    into: cb.baseAddress!, ldc: columns, columnOffset: i * p)
                            }
                            BLAS.gemm(transA: false, transB: false, m: f, n: columns, k: k,
                                      a: wb.baseAddress!, lda: k,
                                      b: cb.baseAddress!, ldb: columns,
                                      c: ob.baseAddress!, ldc: columns)
                            epilogue(start, gi, ob.baseAddress!, columns)
                            start += gi
                        }
                    }
                }
            }
        }
        return col
    }

    public func backward(_ dy: Tensor) -> Tensor {
        precondition(cachedInputShape.count == 4, "\(name): backward without a training forward")
        let n = cachedInputShape[0], h = cachedInputShape[2], w = cachedInputShape[3]
        let oh = dy.shape[2], ow = dy.shape[3]
        let p = oh * ow
        let k = inChannels * kernel * kernel
        let f = outChannels
        let columns = n * p
        precondition(dy.shape == [n, f, oh, ow], "\(name): dy shape \(dy.shape)")

        // dyFP: [F, N*P], the layout matching the cached columns.
        var dyFP = [Float](repeating: 0, count: f * columns)
        var dx = Tensor(zeros: cachedInputShape)
        var dbias = [Float](repeating: 0, count: f)
        dy.data.withUnsafeBufferPointer { db in
            dyFP.withUnsafeMutableBufferPointer { tb in
                for i in 0..<n {
                    for c in 0..<f {
                        let src = db.baseAddress! + (i * f + c) * p
                        let dst = tb.baseAddress! + c * columns + i * p
                        var sum: Float = 0
                        for q in 0..<p { dst[q] = src[q]; sum += src[q] }
                        dbias[c] += sum
                    }
                }
            }
        }
        bias.grad = dbias

        dyFP.withUnsafeBufferPointer { tb in
            cachedColumns.withUnsafeBufferPointer { cb in
                // dW[F, K] = dyFP[F, N*P] * col^T[N*P, K]
                weight.grad.withUnsafeMutableBufferPointer { gb in
                    BLAS.gemm(transA: false, transB: true, m: f, n: k, k: columns,
                              a: tb.baseAddress!, lda: columns,
                              b: cb.baseAddress!, ldb: columns,
                              c: gb.baseAddress!, ldc: k)
                }
            }
            guard computesInputGradient else { return }
            // dcol[K, N*P] = W^T[K, F] * dyFP[F, N*P], then folded back per image.
            var dcol = [Float](repeating: 0, count: k * columns)
            weight.value.withUnsafeBufferPointer { wb in
                dcol.withUnsafeMutableBufferPointer { dcb in
                    BLAS.gemm(transA: true, transB: false, m: k, n: columns, k: f,
                              a: wb.baseAddress!, lda: k,
                              b: tb.baseAddress!, ldb: columns,
                              c: dcb.baseAddress!, ldc: columns)
                }
            }
            dcol.withUnsafeBufferPointer { dcb in
                dx.data.withUnsafeMutableBufferPointer { xb in
                    for i in 0..<n {
                        Im2Col.fold(dcb.baseAddress!, ldc: columns, columnOffset: i * p,
                                    channels: inChannels, height: h, width: w,
                                    kernel: kernel, stride: stride, pad: pad,
                                    outHeight: oh, outWidth: ow,
                                    into: xb.baseAddress! + i * inChannels * h * w)
                    }
                }
            }
        }
        return dx
    }
}
