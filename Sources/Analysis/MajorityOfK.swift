// MajorityOfK: the error of a "human" who is the plurality vote of k annotators, for k = 1…K.
import SeededRandom

/// For each k, every item with at least k judgements contributes the expected top-1 correctness
/// of the plurality vote of k of its judgements drawn without replacement; the error at k is 1 −
/// the mean of those over the items, and `itemCount` says how many items that mean is over (it
/// shrinks as k grows past the items with fewer judgements).
///
/// Ties: when t labels share the top count and the truth is one of them, the vote counts as 1/t
/// correct, the expected score of breaking the tie at random; a tie without the truth scores 0.
/// So k = 2 always equals k = 1 in expectation (a split pair is a coin toss between two
/// single votes), and odd k is where voting starts to help.
///
/// Method per item and k: when C(n, k) ≤ `enumerationLimit` every k-subset of the item's n
/// judgements is scored, so the figure is exact; above it, `draws` random k-subsets are scored
/// (SplitMix64 seeded with `seed`, one generator walked through k = 1…K and the items in order,
/// so a seed fixes the result). Each `Point` counts the items scored each way.
public enum MajorityOfK {
    public struct Item: Sendable, Equatable {
        public var truth: Int
        /// One label per judgement, any order.
        public var labels: [Int]

        public init(truth: Int, labels: [Int]) {
            self.truth = truth
            self.labels = labels
        }
    }

    public struct Point: Sendable, Equatable {
        public var k: Int
        /// 1 − mean expected correctness over the `itemCount` items with at least k judgements.
        public var errorRate: Double
        public var itemCount: Int
        /// Items scored over every k-subset.
        public var enumeratedItemCount: Int
        /// Items scored over `draws` random k-subsets.
        public var resampledItemCount: Int

        public var isExact: Bool { resampledItemCount == 0 }
    }

    /// Enough subsets that a typical item (n ≤ 15 judgements) is exact at every k.
    public static let defaultEnumerationLimit = 5_000
    /// Standard error of one item's resampled score at most 0.5/√2000 ≈ 0.011, and smaller once
    /// averaged over items.
    public static let defaultDraws = 2_000

    /// Points for k = 1…min(`largestK`, most judgements on any item); empty when no item has a judgement.
    public static func curve(
        items: [Item], largestK: Int? = nil, enumerationLimit: Int = defaultEnumerationLimit,
        draws: Int = defaultDraws, seed: UInt64 = 0
    ) -> [Point] {
        precondition(enumerationLimit >= 0 && draws >= 1, "the limit cannot be negative and resampling needs a draw")
        let mostJudgements = items.map(\.labels.count).max() ?? 0
        let kLimit = min(largestK ?? mostJudgements, mostJudgements)
        guard kLimit >= 1 else { return [] }
        let coded = items.map(CodedItem.init)
        var generator = SplitMix64(seed: seed)
        var points: [Point] = []
        for k in 1...kLimit {
            var correctness = 0.0
            var point = Point(k: k, errorRate: 0, itemCount: 0, enumeratedItemCount: 0, resampledItemCount: 0)
            for item in coded where item.codes.count >= k {
                point.itemCount += 1
                if subsetCount(item.codes.count, k, cappedAbove: enumerationLimit) <= enumerationLimit {
                    correctness += item.enumeratedCorrectness(k: k)
                    point.enumeratedItemCount += 1
                } else {
                    correctness += item.resampledCorrectness(k: k, draws: draws, generator: &generator)
                    point.resampledItemCount += 1
                }
            }
            point.errorRate = 1 - correctness / Double(point.itemCount)
            points.append(point)
        }
        return points
    }

    /// C(n, k), or anything above `cap` once it passes it, so large n cannot overflow.
    static func subsetCount(_ n: Int, _ k: Int, cappedAbove cap: Int) -> Int {
        let k = min(k, n - k)
        var count = 1
        for step in 0..<max(k, 0) {
            // C(n, j+1) = C(n, j) · (n − j) / (j + 1) stays an integer at every step.
            count = count * (n - step) / (step + 1)
            if count > cap { return cap + 1 }
        }
        return count
    }

    /// An item's labels renumbered 0..<distinct so a vote tally is a small array, and its truth
    /// in the same numbering (nil when no judgement gave the true label).
    private struct CodedItem {
        let codes: [Int]
        let distinct: Int
        let truthCode: Int?

        init(_ item: Item) {
            var seen: [Int] = []
            codes = item.labels.map { label in
                if let code = seen.firstIndex(of: label) { return code }
                seen.append(label)
                return seen.count - 1
            }
            distinct = seen.count
            truthCode = seen.firstIndex(of: item.truth)
        }

        /// 1/t when the truth is among the t labels with the top count, else 0.
        func voteCorrectness(tally: [Int]) -> Double {
            guard let truthCode else { return 0 }
            let top = tally.max() ?? 0
            guard tally[truthCode] == top else { return 0 }
            return 1 / Double(tally.reduce(0) { $0 + ($1 == top ? 1 : 0) })
        }

        /// Mean over every k-subset of positions, visited in lexicographic order.
        func enumeratedCorrectness(k: Int) -> Double {
            let n = codes.count
            var chosen = Array(0..<k)
            var tally = [Int](repeating: 0, count: distinct)
            var total = 0.0
            var subsets = 0
            while true {
                for code in tally.indices { tally[code] = 0 }
                for position in chosen { tally[codes[position]] += 1 }
                total += voteCorrectness(tally: tally)
                subsets += 1
                // Advance: the rightmost position that can still move right moves, the rest follow it.
                var slot = k - 1
                while slot >= 0 && chosen[slot] == n - k + slot { slot -= 1 }
                if slot < 0 { break }
                chosen[slot] += 1
                for next in (slot + 1)..<k { chosen[next] = chosen[next - 1] + 1 }
            }
            return total / Double(subsets)
        }

        /// Mean over `draws` k-subsets, each the first k of a partial Fisher–Yates shuffle.
        func resampledCorrectness(k: Int, draws: Int, generator: inout SplitMix64) -> Double {
            let n = codes.count
            var positions = Array(0..<n)
            var tally = [Int](repeating: 0, count: distinct)
            var total = 0.0
            for _ in 0..<draws {
                for code in tally.indices { tally[code] = 0 }
                for slot in 0..<k {
                    positions.swapAt(slot, slot + generator.uniform(below: n - slot))
                    tally[codes[positions[slot]]] += 1
                }
                total += voteCorrectness(tally: tally)
            }
            return total / Double(draws)
        }
    }
}
