// Augmenter: cheap label-preserving distortions applied to each training image
// as its mini-batch is assembled: an optional left-right mirror and a small
// random translation (a random crop of the zero-padded image).

import SeededRandom

public struct Augmenter: Sendable {
    public var horizontalFlip: Bool
    public var maxShift: Int

    public init(horizontalFlip: Bool, maxShift: Int) {
        self.horizontalFlip = horizontalFlip
        self.maxShift = max(0, maxShift)
    }

    /// src, dst: [C, H, W]. dst[c, y, x] = src[c, y - dy, x' - dx] with x' mirrored
    /// when flipping; pixels shifted in from outside are 0.
    public func apply(_ src: UnsafePointer<Float>, to dst: UnsafeMutablePointer<Float>,
                      channels: Int, height: Int, width: Int, rng: inout SplitMix64) {
        let flip = horizontalFlip && (rng.next() & 1) == 1
        let dy = maxShift > 0 ? rng.nextInt(below: 2 * maxShift + 1) - maxShift : 0
        let dx = maxShift > 0 ? rng.nextInt(below: 2 * maxShift + 1) - maxShift : 0
        for c in 0..<channels {
            let s = src + c * height * width
            let d = dst + c * height * width
            for y in 0..<height {
                let sy = y - dy
                let row = d + y * width
                guard sy >= 0 && sy < height else {
                    for x in 0..<width { row[x] = 0 }
                    continue
                }
                for x in 0..<width {
                    let sx = x - dx
                    if sx < 0 || sx >= width {
                        row[x] = 0
                    } else {
                        row[x] = s[sy * width + (flip ? width - 1 - sx : sx)]
                    }
                }
            }
        }
    }
}
