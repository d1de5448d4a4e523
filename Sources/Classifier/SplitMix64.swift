// SplitMix64: the small seeded generator behind every random choice in
// training (initial weights, shuffling, augmentation, dropout), so a run is
// reproducible from one seed on any machine. Constants from Steele, Lea and
// Flood, "Fast splittable pseudorandom number generators" (2014).

import Foundation

public struct SplitMix64: Sendable {
    private var state: UInt64

    public init(seed: UInt64) {
        state = seed
    }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// Uniform in [0, 1), from the top 24 bits so every value is exact in Float.
    public mutating func nextFloat() -> Float {
        Float(next() >> 40) * (1.0 / 16_777_216.0)
    }

    /// Uniform in [0, 1) with 53 bits.
    public mutating func nextDouble() -> Double {
        Double(next() >> 11) * (1.0 / 9_007_199_254_740_992.0)
    }

    /// Uniform integer in 0..<bound. Multiply-high (Lemire) keeps the bias below 2^-32
    /// for the bounds used here (< 2^32), without a rejection loop.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        let product = (next() >> 32) &* UInt64(bound)
        return Int(product >> 32)
    }

    /// Standard normal via Box–Muller; one of the pair is discarded for simplicity.
    public mutating func nextGaussian() -> Double {
        let u1 = 1.0 - nextDouble()  // (0, 1], so log never sees 0
        let u2 = nextDouble()
        return (-2.0 * log(u1)).squareRoot() * cos(2.0 * Double.pi * u2)
    }

    /// Fisher–Yates shuffle of 0..<count.
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        if count < 2 { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, nextInt(below: i + 1))
        }
        return order
    }
}
