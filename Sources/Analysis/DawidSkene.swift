// DawidSkene: Dawid–Skene EM for nominal labels: each item's true category and each annotator's confusion matrix.
import Foundation

/// Dawid and Skene (1979): every annotator a has a confusion matrix π_a[c][k] = P(a says k | truth c),
/// the categories have priors p_c, and EM alternates
///
///     E-step  q_ic ∝ p_c · Π_{judgements (a, i, k)} π_a[c][k]       (posterior of item i's truth)
///     M-step  p_c = mean over judged items of q_ic
///             π_a[c][k] ∝ Σ_{judgements (a, i, k)} q_ic             (normalised over k)
///
/// `estimate` follows crowd-kit 1.4.2's `crowdkit.aggregation.DawidSkene` so that both give the
/// same labels and confusion matrices on the same data (DawidSkeneTests checks this):
///  - It starts from the majority vote as vote shares (q_ic = share of item i's votes for c), so
///    the result is deterministic, and runs one M-step on it before the first E-step.
///  - Each M-step count Σ q_ic for a category k the annotator did use is floored at 1e-10 before
///    normalising, so no used cell is exactly 0 and the E-step's logarithms stay finite; cells for
///    categories the annotator never gave are 0 here (crowd-kit has no row for them at all).
///  - Priors are floored at 1e-10 in the E-step.
///  - It stops after the first iteration whose rise in crowd-kit's per-judgement evidence lower
///    bound is below `tolerance`, or after `iterationLimit` iterations. That bound adds log p_c once
///    per judgement rather than once per item (crowd-kit's choice, not the textbook ELBO); it is
///    copied because it decides where EM stops, and so the last digits of every figure (on the
///    test's simulated study the textbook bound happens to stop at the same iteration).
///
/// Where this differs from crowd-kit, on purpose:
///  - crowd-kit floors the returned posteriors at 1e-10 as a side effect of computing the bound;
///    these posteriors are the E-step's own (rows sum to 1).
///  - A category nobody gave is absent from crowd-kit's model. Here it stays among the
///    `categoryCount` categories with prior 0 (floored) and a posterior near 1e-10.
///  - Items nobody judged and annotators who judged nothing are absent from crowd-kit. Here an
///    unjudged item gets the class priors as its posterior and no label, and takes no part in the
///    priors; an annotator with no judgements has no confusion matrix. With no judgements at all
///    the priors are all 0 and no EM runs.
///
/// The label is the posterior's argmax; an exact tie goes to the lowest category index, as
/// crowd-kit's `idxmax` over its sorted label columns does.
///
/// Scale: at hundreds of annotators and a thousand categories the confusion matrices hold
/// hundreds of millions of cells, so the arithmetic is arranged around two facts.
///  - A judgement (a, i, k) only ever reads π_a[·][k], so the matrices are kept as one contiguous
///    row per (annotator, given category) pair that occurs, over the true categories (crowd-kit's
///    `errors_` layout); the E-step adds whole rows of log π, and pairs that never occur take no memory.
///  - After the first E-step nearly all of an item's posterior lies below 1e-40. Such a value added
///    to an M-step count changes it by less than one rounding unit of the 1e-10 floor every count is
///    clipped to (even summed over 10¹³ judgements), and its share of the bound is as far below
///    rounding, so the M-step and the bound walk only each item's posteriors at or above
///    `negligibleProbability`. Cells below the floor enter the entropy as the same constant each,
///    so they are counted, not visited. The results are those of the dense sums up to rounding.
public enum DawidSkene {
    public struct Judgement: Sendable, Equatable {
        public var annotator: Int
        public var item: Int
        public var category: Int

        public init(annotator: Int, item: Int, category: Int) {
            self.annotator = annotator
            self.item = item
            self.category = category
        }
    }

    public struct Estimate: Sendable, Equatable {
        /// posteriors[item][category]; an unjudged item carries `classPriors`.
        public var posteriors: [[Double]]
        /// Argmax of each item's posterior, lowest index on ties; nil for an unjudged item.
        public var labels: [Int?]
        /// confusionMatrices[annotator][true category][given category], each row summing to 1;
        /// nil for an annotator with no judgements.
        public var confusionMatrices: [[[Double]]?]
        public var classPriors: [Double]
        /// E/M rounds run after the majority-vote start.
        public var iterations: Int
        /// False when `iterationLimit` ran out before the bound settled.
        public var converged: Bool
    }

    /// crowd-kit's defaults, so a default call matches a default `DawidSkene()` there.
    public static let defaultTolerance = 1e-5
    public static let defaultIterationLimit = 100
    /// crowd-kit's floor for counts and priors.
    static let probabilityFloor = 1e-10
    /// Posteriors below this are left out of the M-step and the bound (see the type's comment on scale).
    static let negligibleProbability = 1e-40

    public static func estimate(
        judgements: [Judgement], annotatorCount: Int, itemCount: Int, categoryCount: Int,
        tolerance: Double = defaultTolerance, iterationLimit: Int = defaultIterationLimit
    ) -> Estimate {
        precondition(annotatorCount >= 0 && itemCount >= 0 && categoryCount >= 1, "counts must be non-negative, categories at least one")
        precondition(iterationLimit >= 1, "EM needs at least one iteration")
        for judgement in judgements {
            precondition((0..<annotatorCount).contains(judgement.annotator), "annotator index out of range")
            precondition((0..<itemCount).contains(judgement.item), "item index out of range")
            precondition((0..<categoryCount).contains(judgement.category), "category index out of range")
        }
        let fit = Fit(judgements: judgements, annotatorCount: annotatorCount, itemCount: itemCount, categoryCount: categoryCount)
        // No judgements, nothing to fit: crowd-kit returns empty results; here every item is unjudged.
        guard !judgements.isEmpty else { return fit.estimate(iterations: 0, converged: true) }

        fit.startFromMajorityVote()
        fit.maximise()
        var bound = -Double.infinity
        var iterations = 0
        var converged = false
        while iterations < iterationLimit {
            iterations += 1
            fit.expect()
            fit.maximise()
            let newBound = fit.evidenceLowerBoundPerJudgement()
            if newBound - bound < tolerance {
                converged = true
                break
            }
            bound = newBound
        }
        return fit.estimate(iterations: iterations, converged: converged)
    }

    /// EM's state. Judgements are grouped by item, each named by its confusion row (annotator,
    /// given category); rows are numbered by annotator, then given category, so an annotator's rows
    /// are consecutive. The confusion rows are one flat row-major buffer with `categoryCount` columns.
    private final class Fit {
        let annotatorCount: Int
        let itemCount: Int
        let categoryCount: Int
        let judgementCount: Int
        /// Judgements of item i are rowOfJudgement[itemStart[i]..<itemStart[i + 1]].
        let itemStart: [Int]
        let rowOfJudgement: [Int32]
        let judgedItems: [Int]
        /// Annotator a's rows are annotatorRowStart[a]..<annotatorRowStart[a + 1]; rowGiven names each row's category.
        let annotatorRowStart: [Int]
        let rowGiven: [Int]
        /// Each judged item's posterior over the true categories, written where the result returns
        /// it, so the largest arrays exist once; an unjudged item's row is empty until `estimate`.
        var posteriors: [[Double]]
        /// Each judged item's posteriors at or above `negligibleProbability`: entries
        /// supportStart[i]..<supportStart[i + 1] of supportCategory and supportProbability.
        var supportStart: [Int]
        var supportCategory: [Int32] = []
        var supportProbability: [Double] = []
        /// Σ −q log q over the posteriors at or above the floor, and how many lie below it.
        var entropyAboveFloor = 0.0
        var cellsBelowFloor = 0
        var priors: [Double]
        /// log π[row · C + truth]. The M-step gathers its counts in this same buffer and turns them
        /// into logarithms in place, because at this scale every copy of the matrices is gigabytes.
        var logConfusion: [Double]

        init(judgements: [Judgement], annotatorCount: Int, itemCount: Int, categoryCount: Int) {
            self.annotatorCount = annotatorCount
            self.itemCount = itemCount
            self.categoryCount = categoryCount
            judgementCount = judgements.count
            let unused: Int32 = -1, used: Int32 = -2
            var rowOfPair = [Int32](repeating: unused, count: annotatorCount * categoryCount)
            for judgement in judgements { rowOfPair[judgement.annotator * categoryCount + judgement.category] = used }
            var rowStart = [Int](repeating: 0, count: annotatorCount + 1)
            var given: [Int] = []
            for annotator in 0..<annotatorCount {
                for category in 0..<categoryCount where rowOfPair[annotator * categoryCount + category] == used {
                    rowOfPair[annotator * categoryCount + category] = Int32(given.count)
                    given.append(category)
                }
                rowStart[annotator + 1] = given.count
            }
            annotatorRowStart = rowStart
            rowGiven = given
            var start = [Int](repeating: 0, count: itemCount + 1)
            for judgement in judgements { start[judgement.item + 1] += 1 }
            for item in 0..<itemCount { start[item + 1] += start[item] }
            var next = start
            var rows = [Int32](repeating: 0, count: judgements.count)
            for judgement in judgements {
                rows[next[judgement.item]] = rowOfPair[judgement.annotator * categoryCount + judgement.category]
                next[judgement.item] += 1
            }
            itemStart = start
            rowOfJudgement = rows
            judgedItems = (0..<itemCount).filter { start[$0 + 1] > start[$0] }
            posteriors = [[Double]](repeating: [], count: itemCount)
            supportStart = [Int](repeating: 0, count: itemCount + 1)
            priors = [Double](repeating: 0, count: categoryCount)
            logConfusion = [Double](repeating: 0, count: given.count * categoryCount)
        }

        /// Vote shares as the first posteriors (all of them kept, being at least 1 / votes).
        func startFromMajorityVote() {
            let c = categoryCount
            var votes = [Int](repeating: 0, count: c)
            var given: [Int] = []
            var rows = posteriors
            posteriors = []
            priors = [Double](repeating: 0, count: c)
            for item in judgedItems {
                let judgements = itemStart[item]..<itemStart[item + 1]
                given.removeAll(keepingCapacity: true)
                for position in judgements {
                    let category = rowGiven[Int(rowOfJudgement[position])]
                    if votes[category] == 0 { given.append(category) }
                    votes[category] += 1
                }
                given.sort()
                var row = [Double](repeating: 0, count: c)
                for category in given {
                    let share = Double(votes[category]) / Double(judgements.count)
                    row[category] = share
                    // Adding only the nonzero shares, item by item, is the dense sum exactly.
                    priors[category] += share
                    supportCategory.append(Int32(category))
                    supportProbability.append(share)
                    votes[category] = 0
                }
                rows[item] = row
                supportStart[item + 1] = supportCategory.count
            }
            posteriors = rows
            fillSupportStartOfUnjudgedItems()
            for category in 0..<c { priors[category] /= Double(judgedItems.count) }
        }

        /// An unjudged item's support is empty: its start repeats the previous item's end.
        private func fillSupportStartOfUnjudgedItems() {
            for item in 0..<itemCount where itemStart[item + 1] == itemStart[item] { supportStart[item + 1] = supportStart[item] }
        }

        /// M-step: expected counts of (true c, given k) per annotator from the kept posteriors,
        /// floored, then log π = log count − log (annotator's total for c over the categories it gave).
        func maximise() {
            let c = categoryCount
            let logFloor = log(probabilityFloor)
            let supportStart = supportStart, supportCategory = supportCategory, supportProbability = supportProbability
            logConfusion.withUnsafeMutableBufferPointer { cells in
                for index in cells.indices { cells[index] = 0 }
                rowOfJudgement.withUnsafeBufferPointer { rowOfJudgement in
                    for item in judgedItems {
                        let support = supportStart[item]..<supportStart[item + 1]
                        for position in itemStart[item]..<itemStart[item + 1] {
                            let base = Int(rowOfJudgement[position]) * c
                            for entry in support { cells[base + Int(supportCategory[entry])] += supportProbability[entry] }
                        }
                    }
                }
                var totals = [Double](repeating: 0, count: c)
                totals.withUnsafeMutableBufferPointer { totals in
                    for annotator in 0..<annotatorCount {
                        for truth in 0..<c { totals[truth] = 0 }
                        let rows = annotatorRowStart[annotator]..<annotatorRowStart[annotator + 1]
                        for row in rows {
                            for truth in 0..<c {
                                let floored = max(cells[row * c + truth], probabilityFloor)
                                cells[row * c + truth] = floored
                                totals[truth] += floored
                            }
                        }
                        for truth in 0..<c { totals[truth] = log(totals[truth]) }
                        for row in rows {
                            for truth in 0..<c {
                                let count = cells[row * c + truth]
                                // Most cells sit at the floor; its logarithm is known.
                                let logCount = count > probabilityFloor ? log(count) : logFloor
                                cells[row * c + truth] = logCount - totals[truth]
                            }
                        }
                    }
                }
            }
        }

        /// E-step in logarithms, shifted so each item's largest term is 0 before exponentiating,
        /// because a product of many small probabilities underflows. Also gathers the new priors,
        /// the kept posteriors and the entropy the bound needs.
        func expect() {
            let c = categoryCount
            let logPriors = priors.map { log(max($0, probabilityFloor)) }
            var newPriors = [Double](repeating: 0, count: c)
            var logLikelihood = [Double](repeating: 0, count: c)
            // Locals, not the stored properties, inside the loop: a class's stored `var` is
            // checked for exclusive access on every use.
            var rows = posteriors
            posteriors = []
            var keptCategory = supportCategory, keptProbability = supportProbability, keptStart = supportStart
            supportCategory = []
            supportProbability = []
            keptCategory.removeAll(keepingCapacity: true)
            keptProbability.removeAll(keepingCapacity: true)
            var entropy = 0.0
            var belowFloor = 0
            logConfusion.withUnsafeBufferPointer { logConfusion in
                logLikelihood.withUnsafeMutableBufferPointer { logLikelihood in
                    for item in judgedItems {
                        for truth in 0..<c { logLikelihood[truth] = logPriors[truth] }
                        for position in itemStart[item]..<itemStart[item + 1] {
                            // A plain pointer to the row, so the compiler sees one contiguous add it can vectorise.
                            let row = logConfusion.baseAddress! + Int(rowOfJudgement[position]) &* c
                            for truth in 0..<c { logLikelihood[truth] += row[truth] }
                        }
                        var largest = -Double.infinity
                        for truth in 0..<c { largest = max(largest, logLikelihood[truth]) }
                        rows[item].withUnsafeMutableBufferPointer { posterior in
                            var total = 0.0
                            for truth in 0..<c {
                                let shifted = logLikelihood[truth] - largest
                                // exp underflows to exactly 0 below about −745; skip the call.
                                let scaled = shifted < -746 ? 0 : exp(shifted)
                                posterior[truth] = scaled
                                total += scaled
                            }
                            for truth in 0..<c {
                                let q = posterior[truth] / total
                                posterior[truth] = q
                                newPriors[truth] += q
                                if q >= negligibleProbability {
                                    keptCategory.append(Int32(truth))
                                    keptProbability.append(q)
                                }
                                if q >= probabilityFloor {
                                    entropy -= q * log(q)
                                } else {
                                    belowFloor += 1
                                }
                            }
                        }
                        keptStart[item + 1] = keptCategory.count
                    }
                }
            }
            posteriors = rows
            supportCategory = keptCategory
            supportProbability = keptProbability
            supportStart = keptStart
            entropyAboveFloor = entropy
            cellsBelowFloor = belowFloor
            fillSupportStartOfUnjudgedItems()
            priors = newPriors.map { $0 / Double(judgedItems.count) }
        }

        /// crowd-kit's stopping quantity: Σ over judgements and truths of q_ic (log π_a[c][k] + log p_c),
        /// plus the posteriors' entropy (each q floored at 1e-10), divided by the number of judgements.
        func evidenceLowerBoundPerJudgement() -> Double {
            let c = categoryCount
            let logPriors = priors.map { log(max($0, probabilityFloor)) }
            let supportStart = supportStart, supportCategory = supportCategory, supportProbability = supportProbability
            let logConfusion = logConfusion
            var expectation = 0.0
            for item in judgedItems {
                let support = supportStart[item]..<supportStart[item + 1]
                for position in itemStart[item]..<itemStart[item + 1] {
                    let base = Int(rowOfJudgement[position]) * c
                    for entry in support {
                        let truth = Int(supportCategory[entry])
                        expectation += supportProbability[entry] * (logConfusion[base + truth] + logPriors[truth])
                    }
                }
            }
            let entropy = entropyAboveFloor - Double(cellsBelowFloor) * probabilityFloor * log(probabilityFloor)
            return (expectation + entropy) / Double(judgementCount)
        }

        /// The result, with π = exp(log π): the one buffer holds only the logarithms.
        func estimate(iterations: Int, converged: Bool) -> Estimate {
            let c = categoryCount
            var itemPosteriors = posteriors
            posteriors = []
            var labels = [Int?](repeating: nil, count: itemCount)
            for item in 0..<itemCount {
                guard itemStart[item + 1] > itemStart[item] else {
                    itemPosteriors[item] = priors
                    continue
                }
                let row = itemPosteriors[item]
                var best = 0
                for category in 1..<c where row[category] > row[best] { best = category }
                labels[item] = best
            }
            var byTruth = [Double](repeating: 0, count: c * c)
            let matrices: [[[Double]]?] = (0..<annotatorCount).map { annotator in
                let rows = annotatorRowStart[annotator]..<annotatorRowStart[annotator + 1]
                guard !rows.isEmpty else { return nil }
                for index in byTruth.indices { byTruth[index] = 0 }
                for row in rows {
                    for truth in 0..<c { byTruth[truth * c + rowGiven[row]] = exp(logConfusion[row * c + truth]) }
                }
                return (0..<c).map { truth in Array(byTruth[(truth * c)..<(truth * c + c)]) }
            }
            return Estimate(
                posteriors: itemPosteriors, labels: labels, confusionMatrices: matrices,
                classPriors: priors, iterations: iterations, converged: converged)
        }
    }
}
