// HumanBaselineScoring: computes HumanBaselines from a report's items, annotators and models.
enum HumanBaselineScoring {
    /// A best annotator picked among people with a handful of judgements would mostly be the
    /// luckiest; 20 judgements give an error a Wilson half-width under ±20 points.
    static let bestMinimumJudgements = 20
    static let bootstrapReplicates = TwoWayBootstrap.defaultReplicates
    /// Fixed, so the same data give the same interval in every run.
    static let bootstrapSeed: UInt64 = 2_026
    /// Largest annotators × categories² (cells of the per-annotator confusion matrices) Dawid–Skene
    /// is run for. DawidSkene holds two doubles per cell, its working log π and the matrices it
    /// returns, so the limit is 8 GB of matrices: a third of the 24 GiB machine the benchmarks run
    /// on, leaving the rest for the posteriors (items × categories), the report and other work.
    static let dawidSkeneCellLimit = 500_000_000

    static func baselines(
        items: [ItemEvidence], annotators: [AnnotatorFigures], models: [ModelPredictions], categoryCount: Int
    ) -> HumanBaselines {
        let compared = items.filter(\.isCompared)
        let judged = annotators.filter { $0.testJudgements > 0 }
        // Dense annotator numbers in id order, shared by the bootstrap and Dawid–Skene: from the
        // annotator list the report already has (in id order), not from a pass over every judgement.
        let annotatorIndex = Dictionary(uniqueKeysWithValues: annotators.enumerated().map { ($1.annotatorID, $0) })
        var bootstrapJudgements: [TwoWayBootstrap.Judgement] = []
        for (itemIndex, item) in compared.enumerated() {
            for judgement in item.judgements {
                bootstrapJudgements.append(TwoWayBootstrap.Judgement(
                    annotator: annotatorIndex[judgement.annotatorID]!, item: itemIndex, correct: judgement.firstGuess == item.trueCategory))
            }
        }
        let pooled = TwoWayBootstrap.errorRate(judgements: bootstrapJudgements, replicates: bootstrapReplicates, seed: bootstrapSeed)
        let (dawidSkene, skipped) = dawidSkeneFigures(compared, annotatorIndex: annotatorIndex, categoryCount: categoryCount)
        return HumanBaselines(
            annotators: judged.count,
            medianAnnotatorError: Median.of(judged.compactMap(\.testError)),
            bestMinimumJudgements: bestMinimumJudgements,
            bestAnnotator: best(of: judged),
            pooledError: pooled?.estimate,
            pooledErrorBootstrapCI: pooled?.interval,
            bootstrapReplicates: bootstrapReplicates,
            bootstrapSeed: bootstrapSeed,
            majorityOfK: majorityCurve(compared),
            dawidSkene: dawidSkene,
            dawidSkeneSkipped: skipped,
            models: models.map { pairedDifference($0, compared: compared, judgements: bootstrapJudgements) })
    }

    /// Lowest test error among annotators with enough judgements; ties go to more judgements, then the lower id.
    static func best(of annotators: [AnnotatorFigures]) -> HumanBaselines.Annotator? {
        let contenders = annotators.filter { $0.testJudgements >= bestMinimumJudgements && $0.testError != nil }
        let winner = contenders.min { ($0.testError!, -$0.testJudgements, $0.annotatorID) < ($1.testError!, -$1.testJudgements, $1.annotatorID) }
        return winner.map {
            HumanBaselines.Annotator(annotator: $0.annotatorID, name: $0.name, judgements: $0.testJudgements, error: $0.testError!,
                                     errorCI: $0.testErrorCI)
        }
    }

    static func majorityCurve(_ compared: [ItemEvidence]) -> [HumanBaselines.MajorityPoint] {
        let curveItems = compared.map { MajorityOfK.Item(truth: $0.trueCategory, labels: $0.judgements.map(\.firstGuess)) }
        return MajorityOfK.curve(items: curveItems, seed: bootstrapSeed).map { point in
            let method = point.isExact ? "exact" : point.enumeratedItemCount == 0 ? "resampled" : "mixed"
            return HumanBaselines.MajorityPoint(k: point.k, items: point.itemCount, error: point.errorRate, method: method)
        }
    }

    static func dawidSkeneFigures(
        _ compared: [ItemEvidence], annotatorIndex: [Int64: Int], categoryCount: Int
    ) -> (HumanBaselines.DawidSkeneFigures?, String?) {
        guard !compared.isEmpty else { return (nil, "no judged items") }
        let cells = annotatorIndex.count * categoryCount * categoryCount
        guard cells <= dawidSkeneCellLimit else {
            return (nil, "\(annotatorIndex.count) annotators × \(categoryCount)² categories exceed the \(dawidSkeneCellLimit) confusion-matrix cells Dawid–Skene is run for")
        }
        var judgements: [DawidSkene.Judgement] = []
        for (itemIndex, item) in compared.enumerated() {
            // A coarse answer (a tree node) is no category of Dawid–Skene's confusion matrices.
            for judgement in item.judgements where judgement.firstGuess < categoryCount {
                judgements.append(DawidSkene.Judgement(annotator: annotatorIndex[judgement.annotatorID]!, item: itemIndex,
                                                       category: judgement.firstGuess))
            }
        }
        let estimate = DawidSkene.estimate(judgements: judgements, annotatorCount: annotatorIndex.count, itemCount: compared.count,
                                           categoryCount: categoryCount)
        let misses = Proportion(of: zip(compared, estimate.labels).filter { $0.1 != nil }) { $0.1 != $0.0.trueCategory }
        let accuracy = estimate.confusionMatrices.map { matrix in
            matrix.map { rows in rows.indices.reduce(0.0) { $0 + estimate.classPriors[$1] * rows[$1][$1] } }
        }
        return (HumanBaselines.DawidSkeneFigures(items: misses.total, error: misses.rate, errorCI: misses.wilsonInterval,
                                                 iterations: estimate.iterations, converged: estimate.converged,
                                                 annotatorAccuracy: accuracy), nil)
    }

    /// Model error − pooled human error on the items the model predicted, each item weighed by
    /// its judgements on both sides, with the two-way bootstrap interval.
    static func pairedDifference(
        _ model: ModelPredictions, compared: [ItemEvidence], judgements: [TwoWayBootstrap.Judgement]
    ) -> HumanBaselines.PairedDifference {
        let rankings = compared.map { model.ranking(for: $0.itemID) }
        let modelCorrect = zip(compared, rankings).map { $0.1?.first == $0.0.trueCategory }
        let predicted = judgements.filter { rankings[$0.item] != nil }
        let result = TwoWayBootstrap.humanMinusModelAccuracy(judgements: predicted, modelCorrect: modelCorrect,
                                                             replicates: bootstrapReplicates, seed: bootstrapSeed)
        return HumanBaselines.PairedDifference(model: model.modelName, judgements: predicted.count,
                                               modelMinusHumanError: result?.estimate, bootstrapCI: result?.interval)
    }
}
