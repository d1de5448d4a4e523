// ReportInputs: turns what the store holds into what Analysis computes from.
import Analysis
import Foundation
import Storage
import StudyPhase

struct ReportInputs {
    let records: StudyRecords
    /// "refhuman 1.1.0 (commit …)", for the provenance.
    let software: String
    /// Each category's name and synonyms, lowercased once, for matching the searches typed.
    private let searchableWords: [[String]]

    init(records: StudyRecords, software: String) {
        self.records = records
        self.software = software
        searchableWords = zip(records.categories, records.categorySynonyms).map { name, synonyms in
            ([name] + synonyms).map { $0.lowercased() }
        }
    }

    var builder: ReportBuilder {
        let truthByItem = Dictionary(uniqueKeysWithValues: records.items.map { ($0.id, $0.trueCategory) })
        return ReportBuilder(
            datasetName: records.dataset,
            categories: records.categories,
            settings: AnalysisSettings(maxGuesses: records.settings.maxGuesses, judgementsPerItem: records.settings.judgementsPerItem,
                                       plannedTestItems: records.items.count { $0.split == .test }),
            truths: records.items.map { ItemTruth(itemID: $0.id, trueCategory: $0.trueCategory) },
            // Catch trials check attention; they are not data about the images, and only the
            // exclusion rules read them.
            trials: records.judgements.compactMap { judgement in
                guard truthByItem[judgement.itemID] != nil else { return nil }
                return Trial(itemID: judgement.itemID, annotatorID: judgement.annotatorID, guesses: judgement.guesses,
                             abstained: judgement.abstained, phase: judgement.phase,
                             responseMilliseconds: judgement.responseMilliseconds, sequence: judgement.id,
                             superseded: judgement.superseded, lookedAt: judgement.browsing.map(lookedAt))
            },
            models: records.models.map { model in
                ModelPredictions(modelName: model.name, rankedCategories: model.predictions.mapValues { $0.map(\.category) })
            },
            annotatorNames: records.annotatorNames,
            itemSources: Dictionary(uniqueKeysWithValues: records.items.map { ($0.id, $0.source) }),
            provenance: provenance,
            exclusionRules: ExclusionRules(catchAccuracyBelow: records.terms.excludeCatchBelow,
                                           practiceAccuracyBelow: records.terms.excludePracticeBelow,
                                           medianResponseMillisecondsBelow: records.terms.excludeMedianMsBelow),
            tree: tree)
    }

    /// The dataset's label tree, or nil when its categories are a flat list.
    var tree: CategoryTree? {
        guard !records.nodes.isEmpty else { return nil }
        let nodeIndex = Dictionary(uniqueKeysWithValues: records.nodes.enumerated().map { ($1.key, $0) })
        return CategoryTree(categoryParents: records.categoryParents.map { $0.flatMap { nodeIndex[$0] } },
                            nodeParents: records.nodes.map { $0.parent.flatMap { nodeIndex[$0] } },
                            nodeNames: records.nodes.map(\.name))
    }

    /// The categories a trial's picker showed on request: opened, pinned, or named (or with a
    /// synonym) containing a search the annotator typed.
    func lookedAt(_ browsing: TrialBrowsing) -> Set<Int> {
        var seen = Set(browsing.opened + browsing.pinned)
        let searches = browsing.searched.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }.filter { $0.count >= 2 }
        guard !searches.isEmpty else { return seen }
        for (index, words) in searchableWords.enumerated()
        where searches.contains(where: { search in words.contains { $0.contains(search) } }) {
            seen.insert(index)
        }
        return seen
    }

    var provenance: Provenance {
        let settings = records.settings, terms = records.terms
        return Provenance(
            software: software, study: records.study,
            studyProtocol: Provenance.StudyProtocol(
                judgementsPerItem: settings.judgementsPerItem, maxGuesses: settings.maxGuesses, exposureMilliseconds: settings.exposureMs,
                practiceCount: settings.practiceCount, practicePass: terms.practicePass, quota: terms.quota, catchRate: terms.catchRate,
                catchSource: terms.catchSource.rawValue, assignmentOrder: terms.assignmentOrder.rawValue, frozenAt: records.frozenAt),
            datasetSource: records.datasetSource, datasetLicence: records.datasetLicence)
    }

    func design(annotators: Int) -> StudyDesign {
        StudyDesign(
            title: records.title,
            testItems: records.items.count { $0.split == .test },
            practiceItems: records.items.count { $0.split == .practice },
            judgementsPerItem: records.settings.judgementsPerItem,
            practiceCount: records.settings.practiceCount,
            exposureMilliseconds: records.settings.exposureMs,
            maxGuesses: records.settings.maxGuesses,
            annotators: annotators)
    }
}
