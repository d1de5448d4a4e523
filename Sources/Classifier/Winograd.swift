// Winograd: the F(2x2, 3x3) minimal-filtering convolution of Lavin & Gray 2015,
// "Fast Algorithms for Convolutional Neural Networks", for 3x3, stride-1,
// pad-1 inference on even-sized planes. One 4x4 input tile d and one 3x3 filter
// g give the 2x2 output tile
//   Y = A^T [ (G g G^T) ⊙ (B^T d B) ] A
// with 16 multiplies instead of 36. Summed over input channels, the ⊙ turns
// into 16 independent GEMMs, one per position of the 4x4 transformed tile:
//   M[p] = U[p] * V[p]    U: [F, C] filters, V: [C, tiles], M: [F, tiles]
//
//   B^T = | 1  0 -1  0 |    G = | 1    0    0   |    A^T = | 1  1  1  0 |
//         | 0  1  1  0 |        | 1/2  1/2  1/2 |          | 0  1 -1 -1 |
//         | 0 -1  1  0 |        | 1/2 -1/2  1/2 |
//         | 0  1  0 -1 |        | 0    0    1   |
//
// Tile (ty, tx) covers output pixels (2ty..2ty+1, 2tx..2tx+1) and reads input
// pixels (2ty-1..2ty+2, 2tx-1..2tx+2), zero outside the image (pad 1).

enum Winograd {
    /// Positions p = i*4 + j of a transformed 4x4 tile, one GEMM each.
    static let positions = 16

    /// g: [F, C, 3, 3] -> U: [16, F, C] with U[i*4+j, f, c] = (G g[f, c] G^T)[i, j].
    /// Worked in Double and rounded once, so U is as close to exact as Float allows.
    static func transformWeights(_ g: [Float], outChannels f: Int, inChannels c: Int) -> [Float] {
        precondition(g.count == f * c * 9, "Winograd: expected \(f * c * 9) weights, got \(g.count)")
        var u = [Float](repeating: 0, count: positions * f * c)
        for fi in 0..<f {
            for ci in 0..<c {
                let k = (0..<9).map { Double(g[(fi * c + ci) * 9 + $0]) }  // [3, 3]
                // gg = G g: [4, 3], column by column.
                var gg = [Double](repeating: 0, count: 12)
                for col in 0..<3 {
                    let a = k[col], b = k[3 + col], d = k[6 + col]
                    gg[col] = a
                    gg[3 + col] = (a + b + d) / 2
                    gg[6 + col] = (a - b + d) / 2
                    gg[9 + col] = d
                }
                // (G g) G^T: [4, 4], row by row.
                for i in 0..<4 {
                    let a = gg[i * 3], b = gg[i * 3 + 1], d = gg[i * 3 + 2]
                    let row = [a, (a + b + d) / 2, (a - b + d) / 2, d]
                    for j in 0..<4 { u[((i * 4 + j) * f + fi) * c + ci] = Float(row[j]) }
                }
            }
        }
        return u
    }

    /// Below this many input channels the 16 products are summed over channels right
    /// in registers (`multiplyDirect`) instead of through 16 OpenBLAS GEMMs, whose
    /// inner dimension would be only C while their [F, tiles] outputs must still be
    /// zeroed, written and read back. At C = 32 OpenBLAS's vector kernels are ahead of
    /// 4 SSE lanes without FMA (baseline x86-64). The cut-off at 8 is not tuned.
    static let gemmMinChannels = 8

    typealias Lanes = SIMD4<Float>

    /// The whole inference convolution, 3x3 / stride 1 / pad 1, for even H and W.
    /// x: [N, C, H, W], u: [16, F, C] (transformWeights), bias: [F] ->
    ///   pooled: y: [N, F, H/2, W/2] = ReLU(2x2 max-pool(conv) + bias), one pool window per tile;
    ///   otherwise: y: [N, F, H, W] = conv + bias.
    /// `group` images share one set of 16 GEMMs (C >= gemmMinChannels): wider GEMMs
    /// keep OpenBLAS efficient, too many and V and M no longer stay in L2.
    static func convolve(_ x: Tensor, u: UnsafePointer<Float>, bias: UnsafePointer<Float>,
                         outChannels f: Int, group: Int, pooled: Bool) -> Tensor {
        precondition(x.shape.count == 4, "Winograd: expected NCHW input, got \(x.shape)")
        let n = x.shape[0], c = x.shape[1], h = x.shape[2], w = x.shape[3]
        precondition(h % 2 == 0 && w % 2 == 0, "Winograd: needs an even-sized input, got \(h)x\(w)")
        let th = h / 2, tw = w / 2
        let tiles = th * tw                 // per image
        let useGEMM = c >= gemmMinChannels
        let g = useGEMM ? max(1, min(group, n)) : 1
        let ld = g * tiles                  // row stride of V and M
        let outShape = pooled ? [n, f, th, tw] : [n, f, h, w]
        var y = Tensor(shape: outShape, data: ScratchBuffer.floats(outShape.reduce(1, *)))
        let perOut = outShape[1...].reduce(1, *)

        var v = ScratchBuffer.floats(positions * c * ld)               // V: [16, C, ld]
        var m = ScratchBuffer.floats(useGEMM ? positions * f * ld : 0)  // M: [16, F, ld]
        var padded = [Float](repeating: 0, count: (h + 2) * paddedWidth(w))  // border stays 0
        var rows = ScratchBuffer.floats(4 * paddedWidth(w))
        x.data.withUnsafeBufferPointer { xb in
            y.data.withUnsafeMutableBufferPointer { yb in
                v.withUnsafeMutableBufferPointer { vb in
                    m.withUnsafeMutableBufferPointer { mb in
                        padded.withUnsafeMutableBufferPointer { pb in
                            rows.withUnsafeMutableBufferPointer { rb in
                                var start = 0
                                while start < n {
                                    let gi = min(g, n - start)
                                    for i in 0..<gi {
                                        transformInput(xb.baseAddress! + (start + i) * c * h * w,
                                                       channels: c, height: h, width: w,
                                                       into: vb.baseAddress!, ldv: ld, column: i * tiles,
                                                       padded: pb.baseAddress!, rows: rb.baseAddress!)
                                    }
                                    if !useGEMM {
                                        multiplyDirect(vb.baseAddress!, u: u, channels: c, outChannels: f,
                                                       tileRows: th, tileColumns: tw, bias: bias, pooled: pooled,
                                                       into: yb.baseAddress! + start * perOut)
                                        start += 1
                                        continue
                                    }
                                    for p in 0..<positions {
                                        // M[p]: [F, gi*tiles] = U[p]: [F, C] * V[p]: [C, gi*tiles]
                                        BLAS.gemm(transA: false, transB: false, m: f, n: gi * tiles, k: c,
                                                  a: u + p * f * c, lda: c,
                                                  b: vb.baseAddress! + p * c * ld, ldb: ld,
                                                  c: mb.baseAddress! + p * f * ld, ldc: ld)
                                    }
                                    for i in 0..<gi {
                                        transformOutput(mb.baseAddress!, ldm: ld, column: i * tiles,
                                                        channels: f, tileRows: th, tileColumns: tw,
                                                        bias: bias, pooled: pooled,
                                                        into: yb.baseAddress! + (start + i) * perOut)
                                    }
                                    start += gi
                                }
                            }
                        }
                    }
                }
            }
        }
        return y
    }

    /// Columns of the zero-bordered plane `transformInput` works on: W + 2 rounded up
    /// to whole SIMD8 chunks, the extra columns zero like the border.
    static func paddedWidth(_ w: Int) -> Int { (w + 2 + 7) / 8 * 8 }

    /// One image x: [C, H, W] -> V[p, c, column + ty*W/2 + tx] = (B^T d B)[p] for the
    /// 4x4 window d of tile (ty, tx). V: [16, C, ldv].
    /// padded: (H+2)*paddedWidth(W) zeros (only the interior is ever written, so the
    /// border stays 0 across calls); rows: 4*paddedWidth(W) scratch.
    static func transformInput(_ x: UnsafePointer<Float>, channels c: Int, height h: Int, width w: Int,
                               into v: UnsafeMutablePointer<Float>, ldv: Int, column: Int,
                               padded: UnsafeMutablePointer<Float>, rows: UnsafeMutablePointer<Float>) {
        typealias Wide = SIMD8<Float>
        let wp = paddedWidth(w), half = wp / 2
        let th = h / 2, tw = w / 2
        for ci in 0..<c {
            // A zero-bordered copy spares every tile a bounds check. Rows are only a few
            // floats long: SIMD4 copies, the last one overlapping, beat a memcpy call each.
            for r in 0..<h {
                let src = x + (ci * h + r) * w, dst = padded + (r + 1) * wp + 1
                if w < 4 {
                    for col in 0..<w { dst[col] = src[col] }
                    continue
                }
                var col = 0
                while col < w {
                    let at = min(col, w - 4)
                    UnsafeMutableRawPointer(dst + at).storeBytes(
                        of: UnsafeRawPointer(src + at).loadUnaligned(as: Lanes.self), as: Lanes.self)
                    col += 4
                }
            }
            for ty in 0..<th {
                let r0 = padded + 2 * ty * wp, r1 = r0 + wp, r2 = r1 + wp, r3 = r2 + wp
                // B^T d down the columns of the 4-row strip: rows[i] = row i of B^T d, its
                // even columns in the first half and odd ones in the second. Tile tx reads
                // columns 2tx..2tx+3 = even[tx], odd[tx], even[tx+1], odd[tx+1], unit-stride in tx.
                for chunk in stride(from: 0, to: wp, by: 8) {
                    func load(_ row: UnsafeMutablePointer<Float>) -> Wide {
                        UnsafeRawPointer(row + chunk).loadUnaligned(as: Wide.self)
                    }
                    func store(_ t: Wide, row i: Int) {
                        let even = rows + i * wp + chunk / 2
                        UnsafeMutableRawPointer(even).storeBytes(of: t.evenHalf, as: Lanes.self)
                        UnsafeMutableRawPointer(even + half).storeBytes(of: t.oddHalf, as: Lanes.self)
                    }
                    let a = load(r0), b = load(r1), d = load(r2), e = load(r3)
                    store(a - d, row: 0)
                    store(b + d, row: 1)
                    store(d - b, row: 2)
                    store(b - e, row: 3)
                }
                // (B^T d) B along the strip; row i of B^T d gives positions i*4 + 0...3.
                let base = ci * ldv + column + ty * tw
                for i in 0..<4 {
                    let even = rows + i * wp, odd = even + half
                    let v0 = v + (i * 4) * c * ldv + base
                    let v1 = v0 + c * ldv, v2 = v1 + c * ldv, v3 = v2 + c * ldv
                    if tw < 4 {
                        for tx in 0..<tw {
                            let a = even[tx], b = odd[tx], d = even[tx + 1], e = odd[tx + 1]
                            v0[tx] = a - d
                            v1[tx] = b + d
                            v2[tx] = d - b
                            v3[tx] = b - e
                        }
                        continue
                    }
                    // Four tiles at a time; the last group overlaps the one before rather
                    // than run past tw, rewriting a few tiles with the same values.
                    var tx = 0
                    while tx < tw {
                        let at = min(tx, tw - 4)
                        func load(_ p: UnsafeMutablePointer<Float>) -> Lanes {
                            UnsafeRawPointer(p + at).loadUnaligned(as: Lanes.self)
                        }
                        let a = load(even), b = load(odd), d = load(even + 1), e = load(odd + 1)
                        UnsafeMutableRawPointer(v0 + at).storeBytes(of: a - d, as: Lanes.self)
                        UnsafeMutableRawPointer(v1 + at).storeBytes(of: b + d, as: Lanes.self)
                        UnsafeMutableRawPointer(v2 + at).storeBytes(of: d - b, as: Lanes.self)
                        UnsafeMutableRawPointer(v3 + at).storeBytes(of: b - e, as: Lanes.self)
                        tx += 4
                    }
                }
            }
        }
    }

    /// Few input channels: one image's V: [16, C, tiles] -> y: [F, ...] directly,
    /// M[p, f, t] = sum_c U[p, f, c] * V[p, c, t] formed in registers for four tiles
    /// at a time and handed straight to the output transform, so M never exists.
    static func multiplyDirect(_ v: UnsafePointer<Float>, u: UnsafePointer<Float>,
                               channels c: Int, outChannels f: Int, tileRows th: Int, tileColumns tw: Int,
                               bias: UnsafePointer<Float>, pooled: Bool, into y: UnsafeMutablePointer<Float>) {
        let tiles = th * tw
        withUnsafeTemporaryAllocation(of: Lanes.self, capacity: positions * c) { weights in
            let wl = weights.baseAddress!  // [16, C], U[p, fi, c] in all four lanes
            for fi in 0..<f {
                for p in 0..<positions {
                    for ci in 0..<c { wl[p * c + ci] = Lanes(repeating: u[(p * f + fi) * c + ci]) }
                }
                let b = bias[fi]
                // Tiles t..<t+count; called with a literal 4 in the loop, so that copy is branch-free.
                @inline(__always) func step(_ t: Int, _ count: Int) {
                    let tile = outputTile { p in
                        let row = v + p * c * tiles + t  // V[p, 0, t...]
                        if c == 1 { return wl[p] * load(row, count: count) }
                        var sum = wl[p * c] * load(row, count: count)
                        for ci in 1..<c { sum += wl[p * c + ci] * load(row + ci * tiles, count: count) }
                        return sum
                    }
                    store(tile, bias: b, pooled: pooled, channel: fi, firstTile: t, count: count,
                          tileRows: th, tileColumns: tw, into: y)
                }
                var t = 0
                while t + 4 <= tiles { step(t, 4); t += 4 }
                if t < tiles { step(t, tiles - t) }
            }
        }
    }

    /// M: [16, F, ldm], one image's tiles at columns column..<column+tiles -> y: [F, ...].
    static func transformOutput(_ m: UnsafePointer<Float>, ldm: Int, column: Int,
                                channels f: Int, tileRows th: Int, tileColumns tw: Int,
                                bias: UnsafePointer<Float>, pooled: Bool, into y: UnsafeMutablePointer<Float>) {
        let tiles = th * tw
        let stride = f * ldm  // from position p to p + 1
        for fi in 0..<f {
            let src = m + fi * ldm + column  // M[0, fi, column...]
            let b = bias[fi]
            // Four tiles per step: tiles sit side by side in every row of M. Called
            // with a literal 4 in the loop, so that copy is branch-free.
            @inline(__always) func step(_ t: Int, _ count: Int) {
                let tile = outputTile { p in load(src + p * stride + t, count: count) }
                store(tile, bias: b, pooled: pooled, channel: fi, firstTile: t, count: count,
                      tileRows: th, tileColumns: tw, into: y)
            }
            var t = 0
            while t + 4 <= tiles { step(t, 4); t += 4 }
            if t < tiles { step(t, tiles - t) }
        }
    }

    /// The 2x2 output tiles Y = A^T M A of four tiles at once, M[p] = m(p), each p read once.
    @inline(__always)
    private static func outputTile(_ m: (Int) -> Lanes) -> (y00: Lanes, y01: Lanes, y10: Lanes, y11: Lanes) {
        // A^T M: [2, 4], column j from positions j, 4+j, 8+j, 12+j.
        let m0 = m(0), m1 = m(1), m2 = m(2), m3 = m(3)
        let m4 = m(4), m5 = m(5), m6 = m(6), m7 = m(7)
        let m8 = m(8), m9 = m(9), m10 = m(10), m11 = m(11)
        let m12 = m(12), m13 = m(13), m14 = m(14), m15 = m(15)
        let a0 = m0 + m4 + m8, a1 = m1 + m5 + m9, a2 = m2 + m6 + m10, a3 = m3 + m7 + m11
        let c0 = m4 - m8 - m12, c1 = m5 - m9 - m13, c2 = m6 - m10 - m14, c3 = m7 - m11 - m15
        // (A^T M) A: [2, 2].
        return (a0 + a1 + a2, a1 - a2 - a3, c0 + c1 + c2, c1 - c2 - c3)
    }

    /// Writes the first `count` lanes of four tiles starting at tile `firstTile` of channel `channel`:
    /// pooled: y: [F, tiles], ReLU(max of the tile + bias) (max-then-bias-then-ReLU equals
    /// pool(ReLU(conv + bias)): the bias is constant per channel and ReLU is monotonic);
    /// otherwise y: [F, 2th, 2tw], the tile + bias.
    @inline(__always)
    private static func store(_ tile: (y00: Lanes, y01: Lanes, y10: Lanes, y11: Lanes), bias: Float,
                              pooled: Bool, channel: Int, firstTile t: Int, count: Int,
                              tileRows th: Int, tileColumns tw: Int, into y: UnsafeMutablePointer<Float>) {
        let b = Lanes(repeating: bias)
        if pooled {
            // Plain comparisons: Swift.max's NaN rules cost extra instructions per lane.
            let top = tile.y00.replacing(with: tile.y01, where: tile.y01 .> tile.y00)
            let bottom = tile.y10.replacing(with: tile.y11, where: tile.y11 .> tile.y10)
            var out = top.replacing(with: bottom, where: bottom .> top) + b
            out.replace(with: 0, where: out .< 0)
            let dst = y + channel * th * tw + t
            if count == 4 {
                UnsafeMutableRawPointer(dst).storeBytes(of: out, as: Lanes.self)
            } else {
                for lane in 0..<count { dst[lane] = out[lane] }
            }
            return
        }
        let w = 2 * tw
        let plane = y + channel * 4 * th * tw  // [2th, 2tw]
        let y00 = tile.y00 + b, y01 = tile.y01 + b, y10 = tile.y10 + b, y11 = tile.y11 + b
        for lane in 0..<count {
            let ty = (t + lane) / tw, tx = (t + lane) % tw
            let top = plane + 2 * ty * w + 2 * tx
            top[0] = y00[lane]
            top[1] = y01[lane]
            top[w] = y10[lane]
            top[w + 1] = y11[lane]
        }
    }

    /// `count` (1...4) floats from p into the low lanes, zeros above.
    @inline(__always)
    private static func load(_ p: UnsafePointer<Float>, count: Int) -> Lanes {
        if count == 4 { return UnsafeRawPointer(p).loadUnaligned(as: Lanes.self) }
        var lanes = Lanes(repeating: 0)
        for lane in 0..<count { lanes[lane] = p[lane] }
        return lanes
    }
}
