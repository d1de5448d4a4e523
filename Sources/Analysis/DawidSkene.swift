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
        let model = Model(judgements: judgements, annotatorCount: annotatorCount, itemCount: itemCount, categoryCount: categoryCount)
        // No judgements, nothing to fit: crowd-kit returns empty results; here every item is unjudged.
        guard !judgements.isEmpty else {
            let none = [Double](repeating: 0, count: categoryCount)
            return model.estimate(posteriors: [], priors: none, confusion: [], iterations: 0, converged: true)
        }

        var posteriors = model.majorityVoteShares()
        var priors = model.priors(posteriors)
        var confusion = model.confusion(posteriors)
        var bound = -Double.infinity
        var iterations = 0
        var converged = false
        while iterations < iterationLimit {
            iterations += 1
            posteriors = model.posteriors(priors: priors, confusion: confusion)
            priors = model.priors(posteriors)
            confusion = model.confusion(posteriors)
            let newBound = model.evidenceLowerBoundPerJudgement(posteriors: posteriors, priors: priors, confusion: confusion)
            if newBound - bound < tolerance {
                converged = true
                break
            }
            bound = newBound
        }
        return model.estimate(posteriors: posteriors, priors: priors, confusion: confusion, iterations: iterations, converged: converged)
    }

    /// The data arranged for EM: judgements grouped by item, flat row-major arrays for the
    /// posteriors (item × category) and confusion (annotator × true × given).
    private struct Model {
        let annotatorCount: Int
        let itemCount: Int
        let categoryCount: Int
        let judgements: [Judgement]
        /// Judgements of item i are judgementsByItem[itemStart[i]..<itemStart[i + 1]].
        let itemStart: [Int]
        let judgementsByItem: [Judgement]
        let judgedItems: [Int]
        /// usedCategory[a · C + k]: annotator a gave category k at least once.
        let usedCategory: [Bool]
        let annotatorJudged: [Bool]

        init(judgements: [Judgement], annotatorCount: Int, itemCount: Int, categoryCount: Int) {
            self.annotatorCount = annotatorCount
            self.itemCount = itemCount
            self.categoryCount = categoryCount
            self.judgements = judgements
            var counts = [Int](repeating: 0, count: itemCount + 1)
            for judgement in judgements { counts[judgement.item + 1] += 1 }
            for item in 0..<itemCount { counts[item + 1] += counts[item] }
            itemStart = counts
            var next = counts
            var grouped = judgements
            for judgement in judgements {
                grouped[next[judgement.item]] = judgement
                next[judgement.item] += 1
            }
            judgementsByItem = grouped
            judgedItems = (0..<itemCount).filter { counts[$0 + 1] > counts[$0] }
            var used = [Bool](repeating: false, count: annotatorCount * categoryCount)
            var judged = [Bool](repeating: false, count: annotatorCount)
            for judgement in judgements {
                used[judgement.annotator * categoryCount + judgement.category] = true
                judged[judgement.annotator] = true
            }
            usedCategory = used
            annotatorJudged = judged
        }

        func majorityVoteShares() -> [Double] {
            var shares = [Double](repeating: 0, count: itemCount * categoryCount)
            for item in judgedItems {
                let votes = Double(itemStart[item + 1] - itemStart[item])
                for judgement in judgementsByItem[itemStart[item]..<itemStart[item + 1]] {
                    shares[item * categoryCount + judgement.category] += 1 / votes
                }
            }
            return shares
        }

        func priors(_ posteriors: [Double]) -> [Double] {
            var priors = [Double](repeating: 0, count: categoryCount)
            guard !judgedItems.isEmpty else { return priors }
            for item in judgedItems {
                for category in 0..<categoryCount { priors[category] += posteriors[item * categoryCount + category] }
            }
            return priors.map { $0 / Double(judgedItems.count) }
        }

        /// M-step: expected counts of (true c, given k) per annotator, floored where k was used,
        /// each true-category row normalised over the categories the annotator gave.
        func confusion(_ posteriors: [Double]) -> [Double] {
            let c = categoryCount
            var counts = [Double](repeating: 0, count: annotatorCount * c * c)
            for judgement in judgements {
                let base = judgement.annotator * c * c + judgement.category
                for truth in 0..<c { counts[base + truth * c] += posteriors[judgement.item * c + truth] }
            }
            for annotator in 0..<annotatorCount where annotatorJudged[annotator] {
                for truth in 0..<c {
                    let row = annotator * c * c + truth * c
                    var total = 0.0
                    for given in 0..<c where usedCategory[annotator * c + given] {
                        counts[row + given] = max(counts[row + given], probabilityFloor)
                        total += counts[row + given]
                    }
                    for given in 0..<c where usedCategory[annotator * c + given] { counts[row + given] /= total }
                }
            }
            return counts
        }

        /// E-step in logarithms, shifted so each item's largest term is 0 before exponentiating,
        /// because a product of many small probabilities underflows.
        func posteriors(priors: [Double], confusion: [Double]) -> [Double] {
            let c = categoryCount
            let logPriors = priors.map { log(max($0, probabilityFloor)) }
            var posteriors = [Double](repeating: 0, count: itemCount * c)
            var logLikelihood = [Double](repeating: 0, count: c)
            for item in judgedItems {
                for truth in 0..<c { logLikelihood[truth] = logPriors[truth] }
                for judgement in judgementsByItem[itemStart[item]..<itemStart[item + 1]] {
                    let base = judgement.annotator * c * c + judgement.category
                    for truth in 0..<c { logLikelihood[truth] += log(confusion[base + truth * c]) }
                }
                let largest = logLikelihood.max() ?? 0
                var total = 0.0
                for truth in 0..<c {
                    let scaled = exp(logLikelihood[truth] - largest)
                    posteriors[item * c + truth] = scaled
                    total += scaled
                }
                for truth in 0..<c { posteriors[item * c + truth] /= total }
            }
            return posteriors
        }

        /// crowd-kit's stopping quantity: Σ over judgements and truths of q_ic (log π_a[c][k] + log p_c),
        /// plus the posteriors' entropy (each q floored at 1e-10), divided by the number of judgements.
        func evidenceLowerBoundPerJudgement(posteriors: [Double], priors: [Double], confusion: [Double]) -> Double {
            let c = categoryCount
            let logPriors = priors.map { log(max($0, probabilityFloor)) }
            var expectation = 0.0
            for judgement in judgements {
                let base = judgement.annotator * c * c + judgement.category
                for truth in 0..<c {
                    expectation += posteriors[judgement.item * c + truth] * (log(confusion[base + truth * c]) + logPriors[truth])
                }
            }
            var entropy = 0.0
            for item in judgedItems {
                for truth in 0..<c {
                    let q = max(posteriors[item * c + truth], probabilityFloor)
                    entropy -= q * log(q)
                }
            }
            return (expectation + entropy) / Double(judgements.count)
        }

        func estimate(posteriors: [Double], priors: [Double], confusion: [Double], iterations: Int, converged: Bool) -> Estimate {
            let c = categoryCount
            var itemPosteriors = [[Double]](repeating: priors, count: itemCount)
            var labels = [Int?](repeating: nil, count: itemCount)
            for item in judgedItems {
                let row = Array(posteriors[(item * c)..<(item * c + c)])
                itemPosteriors[item] = row
                var best = 0
                for category in 1..<c where row[category] > row[best] { best = category }
                labels[item] = best
            }
            let matrices: [[[Double]]?] = (0..<annotatorCount).map { annotator in
                guard annotatorJudged[annotator] else { return nil }
                return (0..<c).map { truth in
                    let row = annotator * c * c + truth * c
                    return Array(confusion[row..<(row + c)])
                }
            }
            return Estimate(
                posteriors: itemPosteriors, labels: labels, confusionMatrices: matrices,
                classPriors: priors, iterations: iterations, converged: converged)
        }
    }
}
