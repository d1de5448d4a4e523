// SplitMix64: the one seeded generator behind every recorded random choice in RefHuman:
// the bundle's item picks, the assigner's tie order, and everything random in training
// (initial weights, shuffling, augmentation, dropout). Its own draws, not the standard
// library's, so a seed gives the same result on every machine and Swift version.
// Constants from Steele, Lea and Flood, "Fast splittable pseudorandom number generators"
// (2014).
import Foundation

public struct SplitMix64: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

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

    // Two integer draws, because recorded results depend on each: the bundle's item
    // choice on `uniform(below:)` and every training run on `nextInt(below:)`.

    /// Uniform in 0..<bound, by rejection so no value is favoured.
    public mutating func uniform(below bound: Int) -> Int {
        precondition(bound > 0)
        let limit = UInt64(bound)
        let threshold = (0 &- limit) % limit  // 2^64 mod bound
        while true {
            let draw = next()
            if draw >= threshold { return Int(draw % limit) }
        }
    }

    /// Uniform integer in 0..<bound. Multiply-high (Lemire) keeps the bias below 2^-32
    /// for the bounds training uses (< 2^32), without a rejection loop.
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

    /// Fisher–Yates from the back, drawing with `uniform(below:)`.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, uniform(below: index + 1))
        }
    }

    /// A shuffled 0..<count, Fisher–Yates from the back drawing with `nextInt(below:)`.
    public mutating func permutation(_ count: Int) -> [Int] {
        var order = Array(0..<count)
        if count < 2 { return order }
        for i in stride(from: count - 1, to: 0, by: -1) {
            order.swapAt(i, nextInt(below: i + 1))
        }
        return order
    }
}
