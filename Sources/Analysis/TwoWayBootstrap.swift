// TwoWayBootstrap: percentile intervals for pooled judgement rates that resample annotators and items at once.
import SeededRandom

/// Judgements share annotators and items, so they are not independent: a binomial interval
/// over judgements ignores that a few hard items or weak annotators move every judgement they
/// touch. The pigeonhole bootstrap (Owen 2007, "The pigeonhole bootstrap", Ann. Appl. Stat.)
/// resamples both ways independently. Each replicate draws A annotators and I items with
/// replacement from the A annotators and I items that have judgements; annotator a is drawn
/// w_a times, item i w_i times, and a judgement (a, i) counts w_a · w_i times:
///
///     replicate statistic = Σ_j w_a(j) · w_i(j) · x_j  /  Σ_j w_a(j) · w_i(j)
///
/// with x_j = 1 for a wrong judgement (`errorRate`), or x_j = human correct − model correct on
/// the judgement's item (`humanMinusModelAccuracy`, in {−1, 0, 1}). The interval is the
/// (1 − confidence)/2 and (1 + confidence)/2 quantiles of the replicate statistics, linearly
/// interpolated between order statistics (numpy's default quantile). In a sparse design a
/// replicate can draw annotators and items that share no judgement; it has no statistic and is
/// left out, and `replicates` says how many were used; when none is left the result is nil.
///
/// Judgements are grouped by annotator once, so a replicate skips the annotators it did not draw
/// (about 37 % of them) and sums the rest with integer weights, which are exact.
public enum TwoWayBootstrap {
    public struct Judgement: Sendable, Equatable {
        /// Any ids; only those that occur are resampled.
        public var annotator: Int
        public var item: Int
        public var correct: Bool

        public init(annotator: Int, item: Int, correct: Bool) {
            self.annotator = annotator
            self.item = item
            self.correct = correct
        }
    }

    public struct Result: Sendable, Equatable {
        /// The statistic on the data as observed (every weight 1).
        public var estimate: Double
        public var interval: ConfidenceInterval
        /// Replicates with a statistic, out of those asked for.
        public var replicates: Int
    }

    public static let defaultReplicates = 1_000
    public static let defaultConfidence = 0.95

    /// The pooled error rate over judgements; nil when there are none or no replicate weighed one.
    public static func errorRate(
        judgements: [Judgement], replicates: Int = defaultReplicates,
        confidence: Double = defaultConfidence, seed: UInt64 = 0
    ) -> Result? {
        let values = judgements.map { $0.correct ? 0 : 1 }
        return pooledRatio(judgements: judgements, values: values, replicates: replicates, confidence: confidence, seed: seed)
    }

    /// Human accuracy over judgements minus the model's accuracy over the same judgements' items
    /// (an item judged n times weighs n times in both), so positive means humans are better;
    /// `modelCorrect[item]` is the model's correctness on each item a judgement names. nil when
    /// there are no judgements or no replicate weighed one.
    public static func humanMinusModelAccuracy(
        judgements: [Judgement], modelCorrect: [Bool], replicates: Int = defaultReplicates,
        confidence: Double = defaultConfidence, seed: UInt64 = 0
    ) -> Result? {
        let values = judgements.map { judgement in
            precondition(modelCorrect.indices.contains(judgement.item), "every judged item needs the model's correctness")
            return (judgement.correct ? 1 : 0) - (modelCorrect[judgement.item] ? 1 : 0)
        }
        return pooledRatio(judgements: judgements, values: values, replicates: replicates, confidence: confidence, seed: seed)
    }

    private static func pooledRatio(
        judgements: [Judgement], values: [Int], replicates: Int, confidence: Double, seed: UInt64
    ) -> Result? {
        precondition(replicates >= 1, "a bootstrap needs at least one replicate")
        precondition(confidence > 0 && confidence < 1, "confidence must lie strictly between 0 and 1")
        guard !judgements.isEmpty else { return nil }
        let design = Design(judgements: judgements, values: values)
        let estimate = Double(values.reduce(0, +)) / Double(values.count)

        var generator = SplitMix64(seed: seed)
        var annotatorWeights = [Int](repeating: 0, count: design.annotatorCount)
        var itemWeights = [Int32](repeating: 0, count: design.itemCount)
        var statistics: [Double] = []
        statistics.reserveCapacity(replicates)
        for _ in 0..<replicates {
            for index in annotatorWeights.indices { annotatorWeights[index] = 0 }
            for index in itemWeights.indices { itemWeights[index] = 0 }
            for _ in 0..<design.annotatorCount { annotatorWeights[generator.uniform(below: design.annotatorCount)] += 1 }
            for _ in 0..<design.itemCount { itemWeights[generator.uniform(below: design.itemCount)] += 1 }
            let (weightedSum, totalWeight) = design.weightedSums(annotatorWeights: annotatorWeights, itemWeights: itemWeights)
            if totalWeight > 0 { statistics.append(Double(weightedSum) / Double(totalWeight)) }
        }
        // No replicate weighed a judgement: there is no spread to report, and [estimate, estimate] would claim certainty.
        guard !statistics.isEmpty else { return nil }
        statistics.sort()
        let tail = (1 - confidence) / 2
        let interval = ConfidenceInterval(low: quantile(sorted: statistics, tail), high: quantile(sorted: statistics, 1 - tail))
        return Result(estimate: estimate, interval: interval, replicates: statistics.count)
    }

    /// numpy's default ("linear", Hyndman–Fan type 7) quantile of sorted values.
    static func quantile(sorted: [Double], _ probability: Double) -> Double {
        let position = probability * Double(sorted.count - 1)
        let below = Int(position)
        guard below + 1 < sorted.count else { return sorted[sorted.count - 1] }
        return sorted[below] + (position - Double(below)) * (sorted[below + 1] - sorted[below])
    }

    /// Judgements renumbered densely and grouped by annotator: annotator a's judgements are
    /// positions start[a]..<start[a + 1] of `items` and `values`.
    private struct Design {
        let annotatorCount: Int
        let itemCount: Int
        let start: [Int]
        let items: [Int32]
        let values: [Int32]

        init(judgements: [Judgement], values judgementValues: [Int]) {
            let annotatorCodes = Self.denseCodes(judgements.map(\.annotator))
            let itemCodes = Self.denseCodes(judgements.map(\.item))
            annotatorCount = annotatorCodes.count
            itemCount = itemCodes.count
            var start = [Int](repeating: 0, count: annotatorCount + 1)
            for code in annotatorCodes.codes { start[code + 1] += 1 }
            for annotator in 0..<annotatorCount { start[annotator + 1] += start[annotator] }
            var next = start
            var items = [Int32](repeating: 0, count: judgements.count)
            var values = [Int32](repeating: 0, count: judgements.count)
            for (index, annotator) in annotatorCodes.codes.enumerated() {
                items[next[annotator]] = Int32(itemCodes.codes[index])
                values[next[annotator]] = Int32(judgementValues[index])
                next[annotator] += 1
            }
            self.start = start
            self.items = items
            self.values = values
        }

        /// Codes 0..<count in order of first appearance.
        private static func denseCodes(_ ids: [Int]) -> (codes: [Int], count: Int) {
            var codeOfID: [Int: Int] = [:]
            let codes = ids.map { id in
                if let code = codeOfID[id] { return code }
                codeOfID[id] = codeOfID.count
                return codeOfID.count - 1
            }
            return (codes, codeOfID.count)
        }

        /// (Σ w_a · w_i · x, Σ w_a · w_i) over all judgements.
        func weightedSums(annotatorWeights: [Int], itemWeights: [Int32]) -> (Int, Int) {
            var weightedSum = 0
            var totalWeight = 0
            // Unchecked buffers: this loop runs once per judgement per replicate.
            items.withUnsafeBufferPointer { items in
                values.withUnsafeBufferPointer { values in
                    itemWeights.withUnsafeBufferPointer { itemWeights in
                        for annotator in 0..<annotatorCount where annotatorWeights[annotator] > 0 {
                            var annotatorSum = 0
                            var annotatorTotal = 0
                            for position in start[annotator]..<start[annotator + 1] {
                                let weight = Int(itemWeights[Int(items[position])])
                                annotatorTotal &+= weight
                                annotatorSum &+= weight &* Int(values[position])
                            }
                            weightedSum += annotatorWeights[annotator] * Int(annotatorSum)
                            totalWeight += annotatorWeights[annotator] * Int(annotatorTotal)
                        }
                    }
                }
            }
            return (weightedSum, totalWeight)
        }
    }
}
