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
