// ReportBuilderTests: every figure of ExampleDataset's report, worked out by hand from its table.
import Foundation
@testable import Analysis
import StudyPhase
import Testing

@Suite struct ReportBuilderTests {
    let report = ExampleDataset.report()

    @Test func headerNamesDatasetPrimaryModelAndTime() {
        #expect(report.dataset == "pets")
        #expect(report.model == "net")
        #expect(report.generatedAt == "2023-11-14T22:13:20Z")
        #expect(report.models.map(\.model) == ["net", "other"])
    }

    @Test func overallHumanFigures() throws {
        let human = report.overall.human
        // Compared items 1–4 (5 has only abstentions).
        #expect(human.items == 4)
        // Counted judgements: item 1: 3, item 2: 2, item 3: 1, item 4: 3 = 9.
        #expect(human.judgements == 9)
        // Top-1 misses: seq 4, 6, 10, 11, 12 = 5/9.
        #expect(isClose(human.error, 5.0 / 9.0))
        // Top-2 misses: seq 6, 11, 12 = 3/9.
        #expect(isClose(human.topKError, 3.0 / 9.0))
        // Majorities: item 1 right, 2 wrong (tie), 3 right, 4 wrong = 2/4.
        #expect(isClose(human.majorityError, 0.5))
        // .venv/bin/python -c "from statsmodels.stats.proportion import proportion_confint as c; print(c(5, 9, method='wilson'), c(2, 4, method='wilson'))"
        let errorCI = try #require(human.errorCI)
        #expect(isClose(errorCI.low, 0.26665129349549305, tolerance: 1e-8))
        #expect(isClose(errorCI.high, 0.8112214789023355, tolerance: 1e-8))
        let majorityCI = try #require(human.majorityErrorCI)
        #expect(isClose(majorityCI.low, 0.15003898915214947, tolerance: 1e-8))
        #expect(isClose(majorityCI.high, 0.8499610108478506, tolerance: 1e-8))
    }

    @Test func overallAbstentionRateAndAgreement() {
        // Abstentions: seq 9, 13, 14 of 12 test judgements on items with a truth (15, 16 ignored).
        #expect(isClose(report.overall.abstentionRate, 0.25))
        // α over one label per annotator: item 1 [0,1,0], item 2 [1,0], item 4 [0,2,0] (item 3 has
        // one label). n = 8, n_c = 5, 2, 1. n·D_o = 4/2 + 2/1 + 4/2 = 6; n·D_e = (64 − 30)/7 = 34/7.
        // α = 1 − 6·7/34 = −4/17. Cross-check:
        // .venv/bin/python -c "import numpy as np, krippendorff; n=np.nan; print(repr(krippendorff.alpha(reliability_data=[[0,1,1,0],[1,0,n,0],[0,n,n,2]], level_of_measurement='nominal')))"
        // → -0.23529411764705888
        #expect(isClose(report.overall.krippendorffAlpha, -0.23529411764705888))
    }

    @Test func overallPrimaryModelFigures() throws {
        // Shared items 1, 2, 3 (no prediction for 4). Model top-1: right, wrong, wrong = 2/3; top-2: 0.
        let model = report.overall.model
        #expect(isClose(model.error, 2.0 / 3.0))
        #expect(isClose(model.topKError, 0))
        // .venv/bin/python -c "from statsmodels.stats.proportion import proportion_confint as c; print(c(2, 3, method='wilson'))"
        let ci = try #require(model.errorCI)
        #expect(isClose(ci.low, 0.2076596008020477, tolerance: 1e-8))
        #expect(isClose(ci.high, 0.9385080552796037, tolerance: 1e-8))
        // b = item 3 (majority right, model wrong) = 1, c = 0: p = min(1, 2 · ½) = 1.
        #expect(model.mcnemarP == 1)
        // (H, M) = (R,R), (W,W), (R,W) → κ = 0.4 (see ErrorConsistencyTests).
        // .venv/bin/python -c "from sklearn.metrics import cohen_kappa_score as k; print(k([1,0,1],[1,0,0]))" → 0.3999999999999999
        #expect(isClose(model.errorConsistency, 0.4))
        // Labels majority [0,1,1] vs model [0,1,0]: p_o = 2/3, p_e = (1·2 + 2·1)/9 = 4/9, κ = 0.4.
        // .venv/bin/python -c "from sklearn.metrics import cohen_kappa_score as k; print(k([0,1,1],[0,1,0]))" → 0.3999999999999999
        #expect(isClose(report.overall.cohenKappa, 0.4))
        // On the shared items: model 2/3 − majority 1/3 (only item 2 wrong) = 1/3, not 2/3 − 1/2.
        #expect(isClose(report.overall.modelMinusHumanError, 1.0 / 3.0))
    }

    @Test func categoryFigures() {
        #expect(report.categories.map(\.category) == ["cat", "dog", "bird"])
        let cat = report.categories[0]
        // Items 1, 2; judgements 3 + 2 = 5; top-1 misses seq 4, 6 = 2/5; top-2 miss seq 6 = 1/5.
        #expect(cat.human.items == 2)
        #expect(cat.human.judgements == 5)
        #expect(isClose(cat.human.error, 0.4))
        #expect(isClose(cat.human.topKError, 0.2))
        #expect(isClose(cat.human.majorityError, 0.5))
        // Model on 1, 2: wrong on 2 → 1/2; both sides agree on every item: b = c = 0 → p = 1, κ = 1.
        #expect(isClose(cat.model.error, 0.5))
        #expect(cat.model.mcnemarP == 1)
        #expect(cat.model.errorConsistency == 1)

        let dog = report.categories[1]
        // Items 3, 4 (5 not compared); judgements 1 + 3 = 4; top-1 misses 3/4; top-2 misses 2/4.
        #expect(dog.human.items == 2)
        #expect(dog.human.judgements == 4)
        #expect(isClose(dog.human.error, 0.75))
        #expect(isClose(dog.human.topKError, 0.5))
        #expect(isClose(dog.human.majorityError, 0.5))
        // Model only on item 3: wrong. Majority right there: b = 1, c = 0 → p = 1.
        // One item, c_obs = 0, p₁ = 1, p₂ = 0 → c_exp = 0, κ = 0.
        #expect(isClose(dog.model.error, 1))
        #expect(dog.model.mcnemarP == 1)
        #expect(isClose(dog.model.errorConsistency, 0))
    }

    @Test func categoryWithoutItemsIsAllUnknown() {
        let bird = report.categories[2]
        #expect(bird.human == HumanFigures(
            items: 0, judgements: 0, error: nil, errorCI: nil, topKError: nil, majorityItems: 0, majorityError: nil, majorityErrorCI: nil))
        #expect(bird.model == .unknown)
    }

    @Test func secondModelHasItsOwnFigures() {
        // "other" predicts 0 for items 1–4: right, right, wrong, wrong → 1/2 on 4 shared items.
        let other = report.models[1]
        #expect(other.items == 4)
        #expect(isClose(other.comparison.error, 0.5))
        // b = item 3, c = item 2 → n = 2, P[X ≤ 1] = 3/4 → p = 1.
        #expect(other.comparison.mcnemarP == 1)
        // Agree on items 1 (R,R) and 4 (W,W): c_obs = 1/2, p₁ = p₂ = 1/2, c_exp = 1/2 → κ = 0.
        #expect(isClose(other.comparison.errorConsistency, 0))
        // .venv/bin/python -c "from sklearn.metrics import cohen_kappa_score as k; print(k([0,1,1,0],[0,0,0,0]))" → 0.0
        #expect(isClose(other.cohenKappa, 0))
        #expect(isClose(other.modelMinusHumanError, 0))
        #expect(other.categories.map(\.items) == [2, 2, 0])
        #expect(other.confusion.counts == [[2, 0, 0], [2, 0, 0], [0, 0, 0]])
    }

    @Test func primaryModelEntryRepeatsTheTopLevelFigures() {
        let net = report.models[0]
        #expect(net.items == 3)
        #expect(net.comparison == report.overall.model)
        #expect(net.categories.map(\.comparison) == report.categories.map(\.model))
        #expect(net.confusion == report.confusion.model)
    }

    @Test func confusionMatrices() {
        // Pooled first guesses (truth, answer): cat → 0,1,0,1,0; dog → 1,0,2,0.
        #expect(report.confusion.human.counts == [[3, 2, 0], [2, 1, 1], [0, 0, 0]])
        // Majorities: item 1 → 0, item 2 → 1, item 3 → 1, item 4 → 0.
        #expect(report.confusion.humanMajority.counts == [[1, 1, 0], [1, 1, 0], [0, 0, 0]])
        // net top-1: item 1 → 0, item 2 → 1, item 3 → 0.
        #expect(report.confusion.model?.counts == [[1, 1, 0], [1, 0, 0], [0, 0, 0]])
        #expect(report.confusion.categories == ["cat", "dog", "bird"])
    }

    @Test func annotatorFigures() {
        #expect(report.annotators.map(\.annotatorID) == [10, 20, 30])
        let (a, b, c) = (report.annotators[0], report.annotators[1], report.annotators[2])

        // A: practice right, wrong → 1/2. Test seq 3 R, 6 W, 8 R, 10 W → 2/4 (15 superseded).
        // Times 1000, 3000, 2000 (10 has none) → median 2000.
        #expect(a.name == "Ann")
        #expect(a.practiceJudgements == 2)
        #expect(isClose(a.practiceError, 0.5))
        #expect(a.testJudgements == 4)
        #expect(isClose(a.testError, 0.5))
        #expect(a.abstentions == 0)
        #expect(a.medianResponseMilliseconds == 2000)
        #expect(a.learningCurve == [
            LearningCurveBlock(phase: .practice, block: 0, judgements: 2, error: 0.5),
            LearningCurveBlock(phase: .test, block: 0, judgements: 2, error: 0.5),
            LearningCurveBlock(phase: .test, block: 1, judgements: 2, error: 0.5),
        ])

        // B: no practice. Test seq 4 W, 7 R, 12 W → 2/3; abstained 9, 14. Times 500, 700, 900 → 700
        // (the abstention's 100 ms is not a labelling time).
        #expect(b.name == "Bo")
        #expect(b.practiceJudgements == 0)
        #expect(b.practiceError == nil)
        #expect(b.testJudgements == 3)
        #expect(isClose(b.testError, 2.0 / 3.0))
        #expect(b.abstentions == 2)
        #expect(b.medianResponseMilliseconds == 700)
        #expect(b.learningCurve == [
            LearningCurveBlock(phase: .test, block: 0, judgements: 2, error: 0.5),
            LearningCurveBlock(phase: .test, block: 1, judgements: 1, error: 1),
        ])

        // C: seq 5 R, 11 W → 1/2; abstained 13; seq 16 has no truth. Only seq 11 timed → 1200.
        #expect(c.name == nil)
        #expect(c.testJudgements == 2)
        #expect(isClose(c.testError, 0.5))
        #expect(c.abstentions == 1)
        #expect(c.medianResponseMilliseconds == 1200)
    }
}

@Suite struct PartialCoverageTests {
    /// k = 3. Item 1 (cat) has 3 judgements (majority cat: right), item 2 (dog) 2 (both cat:
    /// majority wrong, but incomplete), item 3 (cat) 1 (dog: wrong, incomplete); item 4 none.
    /// The model is wrong on item 1 only.
    func report() -> Report {
        let trials = [
            Trial(itemID: 1, annotatorID: 1, guesses: [0], sequence: 1), Trial(itemID: 1, annotatorID: 2, guesses: [0], sequence: 2),
            Trial(itemID: 1, annotatorID: 3, guesses: [1], sequence: 3),
            Trial(itemID: 2, annotatorID: 1, guesses: [0], sequence: 4), Trial(itemID: 2, annotatorID: 2, guesses: [0], sequence: 5),
            Trial(itemID: 3, annotatorID: 1, guesses: [1], sequence: 6),
        ]
        return ReportBuilder(
            datasetName: "partial", categories: ["cat", "dog"],
            settings: AnalysisSettings(maxGuesses: 1, judgementsPerItem: 3, plannedTestItems: 4),
            truths: [ItemTruth(itemID: 1, trueCategory: 0), ItemTruth(itemID: 2, trueCategory: 1), ItemTruth(itemID: 3, trueCategory: 0),
                     ItemTruth(itemID: 4, trueCategory: 1)],
            trials: trials, models: [ModelPredictions(modelName: "m", rankedCategories: [1: [1], 2: [1], 3: [0], 4: [1]])]
        ).makeReport(generatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func majorityAndPairedFiguresCountOnlyCompleteItemsAndCoverageSaysSo() {
        let report = report()
        // Pooled error over all 6 judgements: misses are seq 3, 4, 5, 6 → 4/6.
        #expect(isClose(report.overall.human.error, 4.0 / 6.0))
        // The majority only on item 1 (cat: right) → 0 of 1; items 2 and 3 would have added two misses.
        #expect(report.overall.human.majorityItems == 1)
        #expect(report.overall.human.majorityError == 0)
        // The model's own error on the 3 judged items it predicted: wrong on item 1 only → 1/3.
        #expect(isClose(report.overall.model.error, 1.0 / 3.0))
        // Paired on item 1 alone: majority right, model wrong → b = 1, c = 0, p = 1; gap 1 − 0.
        #expect(report.overall.model.pairedItems == 1)
        #expect(report.overall.model.mcnemarP == 1)
        #expect(report.overall.modelMinusHumanError == 1)
        #expect(report.coverage.itemsByJudgements == [.init(judgements: 0, items: 1), .init(judgements: 1, items: 1),
                                                      .init(judgements: 2, items: 1), .init(judgements: 3, items: 1)])
        #expect(report.coverage.completeItems == 1 && report.coverage.judgedItems == 3 && report.coverage.countedJudgements == 6)
        #expect(report.confusion.humanMajority.counts == [[1, 0], [0, 0]])
    }
}

@Suite struct HumanBaselinesTests {
    /// Annotator 1: 20 judgements, 2 wrong (0.1). Annotator 2: 25, 5 wrong (0.2). Annotator 3:
    /// 5, none wrong (0.0, too few to be the best). Each judges items of its own, truth 0.
    @Test func medianAndBestAnnotator() {
        var trials: [Trial] = []
        var sequence: Int64 = 0
        func add(annotator: Int64, count: Int, wrong: Int) {
            for index in 0..<count {
                sequence += 1
                trials.append(Trial(itemID: sequence, annotatorID: annotator, guesses: [index < wrong ? 1 : 0], sequence: sequence))
            }
        }
        add(annotator: 1, count: 20, wrong: 2)
        add(annotator: 2, count: 25, wrong: 5)
        add(annotator: 3, count: 5, wrong: 0)
        let report = ReportBuilder(
            datasetName: "people", categories: ["a", "b"], settings: AnalysisSettings(maxGuesses: 1),
            truths: (1...sequence).map { ItemTruth(itemID: $0, trueCategory: 0) }, trials: trials,
            annotatorNames: [1: "ann", 2: "bo", 3: "cy"]
        ).makeReport(generatedAt: Date(timeIntervalSince1970: 0))
        let humans = report.humans
        #expect(humans.annotators == 3)
        #expect(isClose(humans.medianAnnotatorError, 0.1))  // median of 0.0, 0.1, 0.2
        #expect(humans.bestAnnotator?.name == "ann" && humans.bestAnnotator?.judgements == 20)
        #expect(isClose(humans.bestAnnotator?.error, 0.1))
        // Pooled: 7 wrong of 50; one judgement per item, so majority of 1 is the same 7/50.
        #expect(isClose(humans.pooledError, 7.0 / 50.0))
        #expect(humans.majorityOfK.count == 1 && isClose(humans.majorityOfK[0].error, 7.0 / 50.0))
        // Every annotator judged different items, so Dawid–Skene labels each item by its one
        // judgement: its error is the pooled one.
        #expect(isClose(humans.dawidSkene?.error, 7.0 / 50.0))
    }
}

@Suite struct ExclusionTests {
    /// Test items 1, 2 (truth 0); catch items 10, 11 (truth 1); practice item 20 (truth 0).
    /// Annotator 1: both test items right, both catch trials right, practice right.
    /// Annotator 2: both test items wrong, one catch trial of two right, practice wrong.
    func builder(_ rules: ExclusionRules) -> ReportBuilder {
        let trials = [
            Trial(itemID: 1, annotatorID: 1, guesses: [0], sequence: 1), Trial(itemID: 2, annotatorID: 1, guesses: [0], sequence: 2),
            Trial(itemID: 10, annotatorID: 1, guesses: [1], phase: .catch, sequence: 3),
            Trial(itemID: 11, annotatorID: 1, guesses: [1], phase: .catch, sequence: 4),
            Trial(itemID: 20, annotatorID: 1, guesses: [0], phase: .practice, sequence: 5),
            Trial(itemID: 1, annotatorID: 2, guesses: [1], sequence: 6), Trial(itemID: 2, annotatorID: 2, guesses: [1], sequence: 7),
            Trial(itemID: 10, annotatorID: 2, guesses: [1], phase: .catch, sequence: 8),
            Trial(itemID: 11, annotatorID: 2, guesses: [0], phase: .catch, sequence: 9),
            Trial(itemID: 20, annotatorID: 2, guesses: [1], phase: .practice, sequence: 10),
        ]
        let truths = [ItemTruth(itemID: 1, trueCategory: 0), ItemTruth(itemID: 2, trueCategory: 0), ItemTruth(itemID: 10, trueCategory: 1),
                      ItemTruth(itemID: 11, trueCategory: 1), ItemTruth(itemID: 20, trueCategory: 0)]
        return ReportBuilder(datasetName: "d", categories: ["a", "b"], settings: AnalysisSettings(maxGuesses: 1), truths: truths,
                             trials: trials, annotatorNames: [1: "prolific-a", 2: "prolific-b"], exclusionRules: rules)
    }

    @Test func catchAccuracyBelowTheBoundLeavesAParticipantOut() {
        let report = builder(ExclusionRules(catchAccuracyBelow: 0.8)).makeReport(generatedAt: Date(timeIntervalSince1970: 0))
        let exclusions = report.exclusions
        // Annotator 2: 1 of 2 catch trials right = 0.5 < 0.8; annotator 1: 2 of 2.
        #expect(exclusions?.excluded.map(\.name) == ["prolific-b"])
        #expect(exclusions?.excluded.first?.reasons == [.catchAccuracy] && exclusions?.excluded.first?.catchAccuracy == 0.5)
        #expect(exclusions?.excluded.first?.practiceAccuracy == 0)
        // After: annotator 1's 2 test judgements, both right. Everyone: 2 wrong of 4. Catch trials are not test data.
        #expect(report.overall.human.judgements == 2 && report.overall.human.error == 0)
        #expect(exclusions?.allParticipants.judgements == 4 && exclusions?.allParticipants.humanError == 0.5)
        #expect(exclusions?.afterExclusions.annotators == 1 && exclusions?.allParticipants.annotators == 2)
    }

    @Test func noRulesNoExclusionsAndARuleNobodyBreaksLeavesEveryone() {
        #expect(builder(ExclusionRules()).makeReport(generatedAt: Date(timeIntervalSince1970: 0)).exclusions == nil)
        // Practice accuracy below 0.5 is broken by annotator 2 (0 of 1); below 0 would be no one, so use catch ≥ 0.5:
        let lenient = builder(ExclusionRules(catchAccuracyBelow: 0.5)).makeReport(generatedAt: Date(timeIntervalSince1970: 0))
        #expect(lenient.exclusions?.excluded.isEmpty == true && lenient.overall.human.judgements == 4)
        let practice = builder(ExclusionRules(practiceAccuracyBelow: 0.5)).makeReport(generatedAt: Date(timeIntervalSince1970: 0))
        #expect(practice.exclusions?.excluded.map(\.annotator) == [2] && practice.exclusions?.excluded.first?.reasons == [.practiceAccuracy])
    }
}

@Suite struct HierarchyScoringTests {
    /// Tree: node 0 animal; node 1 cat (under animal); node 2 dog (under animal).
    /// Categories: 0 tabby, 1 tiger cat (under cat); 2 beagle, 3 pug (under dog); 4 rock (no parent).
    /// A coarse answer names node i as 5 + i.
    static let tree = CategoryTree(categoryParents: [1, 1, 2, 2, nil], nodeParents: [nil, 0, 0], nodeNames: ["animal", "cat", "dog"])

    @Test func coarseAnswersHierarchicalErrorFineGrainedAndUnawarenessByHand() {
        // Items 1–6, truths: tabby, tabby, beagle, beagle, pug, tabby. First guesses:
        //   1 tabby           exact                          height 0
        //   2 tiger cat       wrong, sibling; looked at {0}  height 1 (LCA cat); truth seen
        //   3 dog (node 2)    coarse-correct                 height 1 (dog is beagle's parent)
        //   4 tabby           wrong, not a sibling; {3}      height 2 (LCA animal); truth never seen
        //   5 beagle          wrong, sibling; no record      height 1
        //   6 rock            wrong; looked at {} ; searched  height 3 (no common node: tabby's depth 2 + 1)
        let truths = [0, 0, 2, 2, 3, 0].enumerated().map { ItemTruth(itemID: Int64($0.offset + 1), trueCategory: $0.element) }
        let guesses = [0, 1, 7, 0, 2, 4]
        let looked: [Set<Int>?] = [nil, [0], nil, [3], nil, []]
        let trials = guesses.enumerated().map { index, guess in
            Trial(itemID: Int64(index + 1), annotatorID: 1, guesses: [guess], sequence: Int64(index + 1), lookedAt: looked[index])
        }
        let report = ReportBuilder(datasetName: "tree", categories: ["tabby", "tiger cat", "beagle", "pug", "rock"],
                                   settings: AnalysisSettings(maxGuesses: 1), truths: truths, trials: trials, tree: Self.tree)
            .makeReport(generatedAt: Date(timeIntervalSince1970: 0))
        let figures = report.hierarchy
        #expect(figures?.judgements == 6 && figures?.exact == 1 && figures?.coarseCorrect == 1 && figures?.wrong == 4)
        #expect(isClose(figures?.hierarchicalError, (0.0 + 1 + 1 + 2 + 1 + 3) / 6))
        #expect(figures?.fineGrained == 2)  // items 2 and 5
        // Wrong with a record: items 2, 4, 6; the truth seen only on item 2.
        #expect(figures?.wrongWithBrowsing == 3 && figures?.trueCategorySeen == 1 && figures?.trueCategoryNeverSeen == 2)
        // Top-1 error treats the coarse answer as not exact: 5 of 6. Dawid–Skene leaves it out, so
        // item 3, whose only answer it is, gets no Dawid–Skene label: 5 items.
        #expect(isClose(report.overall.human.error, 5.0 / 6.0))
        #expect(report.humans.dawidSkene?.items == 5)
    }
}
