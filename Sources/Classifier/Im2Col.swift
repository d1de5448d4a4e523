// Im2Col: unfolding one image into the column matrix that turns a convolution
// into a GEMM, and folding column gradients back (col2im). Column layout for
// one image: rows r = (c*KH + i)*KW + j, columns p = oy*OW + ox, value
// x[c, oy*stride + i - pad, ox*stride + j - pad] (0 outside the image).

enum Im2Col {
    /// x: [C, H, W] -> col rows of length `ldc` starting at column `columnOffset`.
    static func unfold(
        _ x: UnsafePointer<Float>, channels: Int, height: Int, width: Int,
        kernel: Int, stride: Int, pad: Int, outHeight: Int, outWidth: Int,
        into col: UnsafeMutablePointer<Float>, ldc: Int, columnOffset: Int
    ) {
        if stride == 1 && outHeight == height && outWidth == width {
            unfoldSame(x, channels: channels, height: height, width: width, kernel: kernel, pad: pad,
                       into: col, ldc: ldc, columnOffset: columnOffset)
            return
        }
        for c in 0..<channels {
            let plane = x + c * height * width
            for i in 0..<kernel {
                for j in 0..<kernel {
                    let row = col + ((c * kernel + i) * kernel + j) * ldc + columnOffset
                    let (oxLo, oxHi) = insideColumns(tap: j, width: width, stride: stride, pad: pad, outWidth: outWidth)
                    for oy in 0..<outHeight {
                        let iy = oy * stride + i - pad
                        let out = row + oy * outWidth
                        if iy < 0 || iy >= height || oxLo >= oxHi {
                            out.update(repeating: 0, count: outWidth)
                            continue
                        }
                        // Rows are short (tens of floats); memset/memcpy still beat a
                        // scalar loop the compiler cannot vectorise for fear of aliasing.
                        out.update(repeating: 0, count: oxLo)
                        let src = plane + iy * width - pad + j
                        if stride == 1 {
                            (out + oxLo).update(from: src + oxLo, count: oxHi - oxLo)
                        } else {
                            for ox in oxLo..<oxHi { out[ox] = src[ox * stride] }
                        }
                        (out + oxHi).update(repeating: 0, count: outWidth - oxHi)
                    }
                }
            }
        }
    }

    /// The output columns oxLo..<oxHi whose input column ix = ox*stride + j - pad, for
    /// kernel column j, lies inside [0, W): the only ones that read (or, folding, write) a pixel.
    @inline(__always)
    private static func insideColumns(tap j: Int, width: Int, stride: Int, pad: Int, outWidth: Int) -> (Int, Int) {
        let low = max(0, (pad - j + stride - 1) / stride)
        let span = width - 1 + pad - j
        return (low, span < 0 ? 0 : min(outWidth, span / stride + 1))
    }

    /// Fast path for stride-1 "same" convolutions (output as large as the input,
    /// e.g. 3x3 with pad 1). Tap (c, i, j)'s row is the whole input plane shifted
    /// by (dy, dx) = (i - pad, j - pad), so it is one block copy with offset
    /// dy*W + dx, after which the entries whose source column wrapped into the
    /// neighbouring row are zeroed. Per tap that is one memcpy instead of one per
    /// output row.
    private static func unfoldSame(
        _ x: UnsafePointer<Float>, channels: Int, height: Int, width: Int, kernel: Int, pad: Int,
        into col: UnsafeMutablePointer<Float>, ldc: Int, columnOffset: Int
    ) {
        let h = height, w = width
        for c in 0..<channels {
            let plane = x + c * h * w
            for i in 0..<kernel {
                let dy = i - pad
                let oyLo = max(0, -dy), oyHi = min(h, h - dy)  // output rows with a source row
                for j in 0..<kernel {
                    let dx = j - pad
                    let row = col + ((c * kernel + i) * kernel + j) * ldc + columnOffset  // [H, W]
                    guard oyLo < oyHi, abs(dx) < w else {
                        row.update(repeating: 0, count: h * w)
                        continue
                    }
                    row.update(repeating: 0, count: oyLo * w)
                    (row + oyHi * w).update(repeating: 0, count: (h - oyHi) * w)
                    // Destination range [first, last); trimming the wrapped entries at
                    // the two ends keeps the source range inside the plane.
                    let first = oyLo * w + max(0, -dx)
                    let last = oyHi * w - max(0, dx)
                    (row + first).update(from: plane + first + dy * w + dx, count: last - first)
                    if dx < 0 {
                        for oy in oyLo..<oyHi { (row + oy * w).update(repeating: 0, count: -dx) }
                    } else if dx > 0 {
                        for oy in oyLo..<oyHi { (row + oy * w + w - dx).update(repeating: 0, count: dx) }
                    }
                }
            }
        }
    }

    /// The adjoint of `unfold`: adds each column entry back onto the input pixel
    /// it was copied from. dx: [C, H, W] must be zeroed by the caller.
    static func fold(
        _ col: UnsafePointer<Float>, ldc: Int, columnOffset: Int,
        channels: Int, height: Int, width: Int,
        kernel: Int, stride: Int, pad: Int, outHeight: Int, outWidth: Int,
        into dx: UnsafeMutablePointer<Float>
    ) {
        for c in 0..<channels {
            let plane = dx + c * height * width
            for i in 0..<kernel {
                for j in 0..<kernel {
                    let row = col + ((c * kernel + i) * kernel + j) * ldc + columnOffset
                    let (oxLo, oxHi) = insideColumns(tap: j, width: width, stride: stride, pad: pad, outWidth: outWidth)
                    if oxLo >= oxHi { continue }
                    for oy in 0..<outHeight {
                        let iy = oy * stride + i - pad
                        if iy < 0 || iy >= height { continue }
                        let src = row + oy * outWidth
                        let dst = plane + iy * width - pad + j
                        for ox in oxLo..<oxHi { dst[ox * stride] += src[ox] }
                    }
                }
            }
        }
    }
}
