// ReportBuilder: turns trials, truths and model predictions into a Report, the one entry point.
import Foundation
import StudyPhase

public struct ReportBuilder: Sendable {
    public var datasetName: String
    /// Category names in index order; guesses, truths and predictions index into it.
    public var categories: [String]
    public var settings: AnalysisSettings
    public var truths: [ItemTruth]
    /// Practice, test and catch trials of the study; superseded ones and trials on items without
    /// a truth are ignored, so the caller need not filter. Catch trials only feed the exclusions.
    public var trials: [Trial]
    /// Zero or more models; the first is the primary one behind DESIGN's `model` keys.
    public var models: [ModelPredictions]
    public var annotatorNames: [Int64: String]
    /// Each item's source in the dataset, for the galleries.
    public var itemSources: [Int64: String]
    public var provenance: Provenance?
    /// The study's pre-registered exclusions; empty: everyone counts.
    public var exclusionRules: ExclusionRules
    /// The label hierarchy, when the dataset has one: coarse answers, hierarchical error, unawareness.
    public var tree: CategoryTree?

    public init(
        datasetName: String, categories: [String], settings: AnalysisSettings, truths: [ItemTruth],
        trials: [Trial], models: [ModelPredictions] = [], annotatorNames: [Int64: String] = [:],
        itemSources: [Int64: String] = [:], provenance: Provenance? = nil, exclusionRules: ExclusionRules = ExclusionRules(),
        tree: CategoryTree? = nil
    ) {
        self.datasetName = datasetName
        self.categories = categories
        self.settings = settings
        self.truths = truths
        self.trials = trials
        self.models = models
        self.annotatorNames = annotatorNames
        self.itemSources = itemSources
        self.provenance = provenance
        self.exclusionRules = exclusionRules
        self.tree = tree
    }

    /// With exclusion rules, every section is computed without the excluded annotators, and
    /// `exclusions` sets the headline figures beside those of all participants.
    public func makeReport(generatedAt: Date) -> Report {
        let truthOf = truthByItem
        guard !exclusionRules.isEmpty else { return report(of: trials, truthOf: truthOf, generatedAt: generatedAt) }
        let excluded = ExclusionScoring.excluded(trials: trials, truthOf: truthOf, rules: exclusionRules, names: annotatorNames)
        let everyone = report(of: trials, truthOf: truthOf, generatedAt: generatedAt)
        let left = Set(excluded.map(\.annotator))
        var primary = left.isEmpty ? everyone
            : report(of: trials.filter { !left.contains($0.annotatorID) }, truthOf: truthOf, generatedAt: generatedAt)
        primary.exclusions = Exclusions(rules: exclusionRules, excluded: excluded, afterExclusions: HeadlineFigures(primary),
                                        allParticipants: HeadlineFigures(everyone))
        return primary
    }

    /// Each item's true category; a repeated truth keeps the first, as ScoredTrials does.
    private var truthByItem: [Int64: Int] {
        var truthOf: [Int64: Int] = [:]
        for truth in truths where truthOf[truth.itemID] == nil { truthOf[truth.itemID] = truth.trueCategory }
        return truthOf
    }

    private func report(of trials: [Trial], truthOf: [Int64: Int], generatedAt: Date) -> Report {
        let scored = ScoredTrials(trials: trials, truths: truths)
        let allItems = scored.testItems
        let itemsByCategory = Dictionary(grouping: allItems, by: \.trueCategory)
        let k = settings.judgementsPerItem
        let modelFigures = models.map { predictions in
            let scoring = ModelScoring(predictions: predictions, maxGuesses: settings.maxGuesses, judgementsPerItem: k)
            let shared = scoring.sharedItems(allItems)
            let sharedByCategory = Dictionary(grouping: shared, by: \.item.trueCategory)
            return ModelFigures(
                model: predictions.modelName,
                items: shared.count,
                comparison: scoring.figures(for: shared),
                cohenKappa: scoring.cohenKappa(for: shared),
                modelMinusHumanError: scoring.modelMinusHumanError(for: shared),
                categories: categories.indices.map { index in
                    let inCategory = sharedByCategory[index, default: []]
                    return ModelCategoryFigures(
                        category: categories[index], items: inCategory.count, comparison: scoring.figures(for: inCategory))
                },
                confusion: ModelScoring.confusion(for: shared, categoryCount: categories.count))
        }
        // DESIGN's flat model keys describe the primary model, already computed above.
        let primary = modelFigures.first

        let overall = OverallFigures(
            human: HumanScoring.figures(for: allItems, maxGuesses: settings.maxGuesses, judgementsPerItem: k),
            model: primary?.comparison ?? .unknown,
            krippendorffAlpha: HumanScoring.krippendorffAlpha(for: allItems),
            cohenKappa: primary?.cohenKappa,
            abstentionRate: HumanScoring.abstentionRate(for: allItems),
            modelMinusHumanError: primary?.modelMinusHumanError)

        let categoryFigures = categories.indices.map { index in
            CategoryFigures(
                category: categories[index],
                human: HumanScoring.figures(for: itemsByCategory[index, default: []], maxGuesses: settings.maxGuesses,
                                            judgementsPerItem: k),
                model: primary?.categories[index].comparison ?? .unknown)
        }

        let annotatorFigures = AnnotatorScoring.figures(
            from: scored, names: annotatorNames, learningCurveBlockSize: settings.learningCurveBlockSize)
        return Report(
            dataset: datasetName,
            model: models.first?.modelName,
            generatedAt: generatedAt.ISO8601Format(),
            provenance: provenance,
            coverage: Coverage(items: allItems, judgementsPerItem: k, plannedItems: settings.plannedTestItems),
            hierarchy: tree.map { hierarchyFigures($0, trials: trials, truthOf: truthOf) },
            overall: overall,
            categories: categoryFigures,
            annotators: annotatorFigures,
            humans: HumanBaselineScoring.baselines(items: allItems, annotators: annotatorFigures, models: models,
                                                   categoryCount: categories.count),
            confusion: confusionMatrices(of: allItems, model: primary?.confusion),
            models: modelFigures,
            galleries: ItemGalleries(items: allItems, primary: models.first, sources: itemSources))
    }

    /// Counted test judgements on items with a truth, scored against the tree.
    private func hierarchyFigures(_ tree: CategoryTree, trials: [Trial], truthOf: [Int64: Int]) -> HierarchyFigures {
        let scored = trials.compactMap { trial -> (guess: Int, truth: Int, lookedAt: Set<Int>?)? in
            guard trial.phase == .test, !trial.superseded, let guess = trial.firstGuess, let truth = truthOf[trial.itemID] else { return nil }
            return (guess, truth, trial.lookedAt)
        }
        return HierarchyFigures(tree: tree, judgements: scored)
    }

    private func confusionMatrices(of items: [ItemEvidence], model: ConfusionMatrix?) -> ConfusionMatrices {
        var pooled = ConfusionMatrix(categoryCount: categories.count)
        var majority = ConfusionMatrix(categoryCount: categories.count)
        for item in items where item.isCompared {
            for judgement in item.judgements { pooled.add(truth: item.trueCategory, answer: judgement.firstGuess) }
            if let label = item.majority, item.isComplete(judgementsPerItem: settings.judgementsPerItem) {
                majority.add(truth: item.trueCategory, answer: label)
            }
        }
        return ConfusionMatrices(
            categories: categories,
            human: pooled,
            humanMajority: majority,
            model: model)
    }
}
