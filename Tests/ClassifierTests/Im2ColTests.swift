// im2col against its definition, for "same" and other geometries.

import Testing
@testable import Classifier

@Suite struct Im2ColTests {
    /// col[(c*K + i)*K + j, oy*OW + ox] = x[c, oy*s + i - p, ox*s + j - p], or 0 outside.
    @Test(arguments: [
        (3, 5, 7, 3, 1, 1),   // same
        (2, 4, 4, 5, 1, 2),   // same, 5x5 kernel wider than half the image
        (1, 3, 3, 3, 1, 1),   // same, tiny
        (2, 6, 5, 3, 2, 1),   // strided: general path
        (2, 5, 6, 2, 1, 0),   // valid: general path
    ])
    func unfoldMatchesDefinition(geometry: (Int, Int, Int, Int, Int, Int)) {
        let (c, h, w, k, s, p) = geometry
        let oh = (h + 2 * p - k) / s + 1, ow = (w + 2 * p - k) / s + 1
        let x = (0..<(c * h * w)).map { Float($0 + 1) }
        // Two images side by side, so columnOffset and ldc are exercised; filled with NaN
        // first so any entry the unfold forgets to write shows up.
        let ldc = 2 * oh * ow
        var col = [Float](repeating: .nan, count: c * k * k * ldc)
        x.withUnsafeBufferPointer { xb in
            col.withUnsafeMutableBufferPointer { cb in
                for image in 0..<2 {
                    Im2Col.unfold(xb.baseAddress!, channels: c, height: h, width: w, kernel: k, stride: s, pad: p,
                                  outHeight: oh, outWidth: ow, into: cb.baseAddress!, ldc: ldc,
                                  columnOffset: image * oh * ow)
                }
            }
        }
        var mismatches = 0
        for ch in 0..<c { for i in 0..<k { for j in 0..<k { for oy in 0..<oh { for ox in 0..<ow {
            let iy = oy * s + i - p, ix = ox * s + j - p
            let expected: Float = (iy >= 0 && iy < h && ix >= 0 && ix < w) ? x[(ch * h + iy) * w + ix] : 0
            for image in 0..<2 {
                let got = col[((ch * k + i) * k + j) * ldc + image * oh * ow + oy * ow + ox]
                if got != expected { mismatches += 1 }
            }
        } } } } }
        #expect(mismatches == 0)
    }
}
