// ReportEdgeCaseTests: reports on degenerate data: nothing judged, all right, all wrong, ties, gaps.
@testable import Analysis
import Foundation
import StudyPhase
import Testing

@Suite struct ReportEdgeCaseTests {
    static let twoCategories = ["left", "right"]
    static let truths = [ItemTruth(itemID: 1, trueCategory: 0), ItemTruth(itemID: 2, trueCategory: 1)]

    func report(trials: [Trial], models: [ModelPredictions] = [], truths: [ItemTruth] = truths) -> Report {
        ReportBuilder(
            datasetName: "edge", categories: Self.twoCategories, settings: AnalysisSettings(maxGuesses: 1),
            truths: truths, trials: trials, models: models
        ).makeReport(generatedAt: Date(timeIntervalSince1970: 0))
    }

    /// Annotators 1 and 2 each answer items 1 and 2 with the given first guesses.
    func twoAnnotators(answering answers: [Int64: Int]) -> [Trial] {
        var sequence: Int64 = 0
        return [1, 2].flatMap { (annotator: Int64) in
            answers.keys.sorted().map { item in
                sequence += 1
                return Trial(itemID: item, annotatorID: annotator, guesses: [answers[item]!], sequence: sequence)
            }
        }
    }

    @Test func noJudgementsLeavesEveryFigureUnknown() {
        let model = ModelPredictions(modelName: "m", rankedCategories: [1: [0], 2: [1]])
        let empty = report(trials: [], models: [model])
        #expect(empty.overall.human == HumanFigures(
            items: 0, judgements: 0, error: nil, errorCI: nil, topKError: nil, majorityItems: 0, majorityError: nil, majorityErrorCI: nil))
        #expect(empty.overall.model == .unknown)
        #expect(empty.overall.krippendorffAlpha == nil)
        #expect(empty.overall.cohenKappa == nil)
        #expect(empty.overall.abstentionRate == nil)
        #expect(empty.overall.modelMinusHumanError == nil)
        #expect(empty.annotators.isEmpty)
        #expect(empty.models[0].items == 0)
        #expect(empty.confusion.human.counts == [[0, 0], [0, 0]])
        #expect(empty.categories.allSatisfy { $0.human.error == nil && $0.model.mcnemarP == nil })
    }

    @Test func everythingRight() throws {
        let model = ModelPredictions(modelName: "m", rankedCategories: [1: [0], 2: [1]])
        let perfect = report(trials: twoAnnotators(answering: [1: 0, 2: 1]), models: [model])
        #expect(perfect.overall.human.error == 0)
        #expect(perfect.overall.human.majorityError == 0)
        #expect(try #require(perfect.overall.human.errorCI).low == 0)
        #expect(perfect.overall.model.error == 0)
        // b + c = 0 → p = 1; both always right → c_exp = 1, κ = 0/0 undefined; units [0,0], [1,1] → D_o = 0 → α = 1.
        #expect(perfect.overall.model.mcnemarP == 1)
        #expect(perfect.overall.model.errorConsistency == nil)
        #expect(perfect.overall.krippendorffAlpha == 1)
        #expect(perfect.overall.cohenKappa == 1)
        #expect(perfect.overall.modelMinusHumanError == 0)
    }

    @Test func everythingWrong() throws {
        let model = ModelPredictions(modelName: "m", rankedCategories: [1: [1], 2: [0]])
        let hopeless = report(trials: twoAnnotators(answering: [1: 1, 2: 0]), models: [model])
        #expect(hopeless.overall.human.error == 1)
        #expect(hopeless.overall.human.majorityError == 1)
        #expect(try #require(hopeless.overall.human.errorCI).high == 1)
        #expect(hopeless.overall.model.error == 1)
        #expect(hopeless.overall.model.mcnemarP == 1)
        #expect(hopeless.overall.model.errorConsistency == nil)  // both always wrong: undefined
        // The annotators agree perfectly, on the wrong answers: agreement is not accuracy.
        #expect(hopeless.overall.krippendorffAlpha == 1)
        #expect(hopeless.overall.modelMinusHumanError == 0)
    }

    @Test func majorityTieFollowsSubmissionOrderNotInputOrder() {
        // Item 1: seq 5 says 1, seq 2 says 0, passed in that order. Earliest chosen is 0 (seq 2).
        let trials = [
            Trial(itemID: 1, annotatorID: 1, guesses: [1], sequence: 5),
            Trial(itemID: 1, annotatorID: 2, guesses: [0], sequence: 2),
        ]
        let tied = report(trials: trials)
        #expect(tied.overall.human.majorityError == 0)
        #expect(tied.confusion.humanMajority.counts == [[1, 0], [0, 0]])
    }

    @Test func onlyAbstentions() {
        let trials = [
            Trial(itemID: 1, annotatorID: 1, guesses: [], abstained: true, sequence: 1),
            Trial(itemID: 2, annotatorID: 1, guesses: [], abstained: true, sequence: 2),
        ]
        let silent = report(trials: trials)
        #expect(silent.overall.human.items == 0)
        #expect(silent.overall.human.judgements == 0)
        #expect(silent.overall.human.error == nil)
        #expect(silent.overall.abstentionRate == 1)
        #expect(silent.overall.krippendorffAlpha == nil)
        #expect(silent.annotators.map(\.abstentions) == [2])
        #expect(silent.annotators[0].testError == nil)
        #expect(silent.annotators[0].learningCurve.isEmpty)
    }

    @Test func emptyGuessesCountAsAbstention() {
        let trials = [
            Trial(itemID: 1, annotatorID: 1, guesses: [], abstained: false, sequence: 1),
            Trial(itemID: 1, annotatorID: 2, guesses: [0], sequence: 2),
        ]
        let figures = report(trials: trials).overall
        #expect(figures.human.judgements == 1)
        #expect(figures.abstentionRate == 0.5)
    }

    @Test func singleAnnotatorHasNoAgreement() {
        // One person, item 1 shown twice: they must not count as agreeing with themself.
        let trials = [
            Trial(itemID: 1, annotatorID: 7, guesses: [0], sequence: 1),
            Trial(itemID: 1, annotatorID: 7, guesses: [1], sequence: 2),
            Trial(itemID: 2, annotatorID: 7, guesses: [1], sequence: 3),
        ]
        let alone = report(trials: trials)
        #expect(alone.overall.krippendorffAlpha == nil)
        // Pooled error still counts every judgement: seq 2 wrong of 3.
        #expect(alone.overall.human.judgements == 3)
        #expect(isClose(alone.overall.human.error, 1.0 / 3.0))
    }

    @Test func itemsWithoutPredictionsLeaveModelFiguresUnknown() {
        let blind = ModelPredictions(modelName: "blind", rankedCategories: [2: [], 99: [0]])
        let unmatched = report(trials: twoAnnotators(answering: [1: 0, 2: 1]), models: [blind])
        #expect(unmatched.model == "blind")
        #expect(unmatched.overall.model == .unknown)
        #expect(unmatched.overall.cohenKappa == nil)
        #expect(unmatched.overall.modelMinusHumanError == nil)
        #expect(unmatched.models[0].items == 0)
        #expect(unmatched.confusion.model?.counts == [[0, 0], [0, 0]])
        // Human figures do not depend on the model's coverage.
        #expect(unmatched.overall.human.items == 2)
    }

    @Test func noModelLeavesModelKeysUnknown() {
        let humansOnly = report(trials: twoAnnotators(answering: [1: 0, 2: 1]))
        #expect(humansOnly.model == nil)
        #expect(humansOnly.models.isEmpty)
        #expect(humansOnly.confusion.model == nil)
        #expect(humansOnly.overall.model == .unknown)
    }

    @Test func practiceDoesNotCountTowardsTestFigures() {
        let trials = [Trial(itemID: 1, annotatorID: 1, guesses: [1], phase: .practice, sequence: 1)]
        let practiceOnly = report(trials: trials)
        #expect(practiceOnly.overall.human.items == 0)
        #expect(practiceOnly.overall.abstentionRate == nil)
        #expect(practiceOnly.annotators[0].practiceJudgements == 1)
        #expect(practiceOnly.annotators[0].practiceError == 1)
    }
}
