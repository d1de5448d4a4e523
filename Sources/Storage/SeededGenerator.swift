// SeededGenerator: SplitMix64 with its own uniform draw and shuffle, so a recorded seed
// picks the same items on every machine and Swift version (the standard library's
// shuffle algorithm is not promised to stay the same).
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    private var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var mixed = state
        mixed = (mixed ^ (mixed >> 30)) &* 0xBF58_476D_1CE4_E5B9
        mixed = (mixed ^ (mixed >> 27)) &* 0x94D0_49BB_1331_11EB
        return mixed ^ (mixed >> 31)
    }

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

    /// Fisher–Yates, from the back.
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for index in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(index, uniform(below: index + 1))
        }
    }
}
