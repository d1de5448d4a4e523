// ExampleDataset: a small hand-scored dataset whose every report figure is worked out in ReportBuilderTests.
@testable import Analysis
import Foundation
import StudyPhase

/// Categories cat (0), dog (1), bird (2; no items). max_guesses = 2, learning-curve blocks of 2.
/// Annotators A = 10, B = 20, C = 30. Test items 1, 2 (cat), 3, 4, 5 (dog); practice item 100 (bird).
///
///  seq  who  item  guesses  notes                     top-1  top-2
///   1   A    100   [2]      practice                  right
///   2   A    100   [0]      practice                  wrong
///   3   A     1    [0,1]    1000 ms                   right  right
///   4   B     1    [1,0]     500 ms                   wrong  right
///   5   C     1    [0]                                right  right   → majority 0 (2:1), right
///   6   A     2    [1,2]    3000 ms                   wrong  wrong
///   7   B     2    [0]       700 ms                   right  right   → tie 1:1, 1 chosen first, wrong
///   8   A     3    [1]      2000 ms                   right  right
///   9   B     3    abstain   100 ms                                  → majority 1, right
///  10   A     4    [0,1]                              wrong  right
///  11   C     4    [2,0]    1200 ms                   wrong  wrong
///  12   B     4    [0]       900 ms                   wrong  wrong   → majority 0 (2:1), wrong
///  13   C     5    abstain
///  14   B     5    abstain                                           → item 5 not compared
///  15   A     3    [2]      superseded: ignored
///  16   C   999    [0]      no truth: ignored
///
/// Model "net": 1 → [0,2] right; 2 → [1,0] wrong/top-2 right; 3 → [0,1] wrong/top-2 right;
/// 4 → none; 5 → [1] (not compared, unused). Model "other": [0] for items 1–4.
enum ExampleDataset {
    static let categories = ["cat", "dog", "bird"]
    static let settings = AnalysisSettings(maxGuesses: 2, learningCurveBlockSize: 2)
    static let truths = [
        ItemTruth(itemID: 1, trueCategory: 0), ItemTruth(itemID: 2, trueCategory: 0),
        ItemTruth(itemID: 3, trueCategory: 1), ItemTruth(itemID: 4, trueCategory: 1),
        ItemTruth(itemID: 5, trueCategory: 1), ItemTruth(itemID: 100, trueCategory: 2),
    ]

    static let trials: [Trial] = [
        Trial(itemID: 100, annotatorID: 10, guesses: [2], phase: .practice, sequence: 1),
        Trial(itemID: 100, annotatorID: 10, guesses: [0], phase: .practice, sequence: 2),
        Trial(itemID: 1, annotatorID: 10, guesses: [0, 1], responseMilliseconds: 1000, sequence: 3),
        Trial(itemID: 1, annotatorID: 20, guesses: [1, 0], responseMilliseconds: 500, sequence: 4),
        Trial(itemID: 1, annotatorID: 30, guesses: [0], sequence: 5),
        Trial(itemID: 2, annotatorID: 10, guesses: [1, 2], responseMilliseconds: 3000, sequence: 6),
        Trial(itemID: 2, annotatorID: 20, guesses: [0], responseMilliseconds: 700, sequence: 7),
        Trial(itemID: 3, annotatorID: 10, guesses: [1], responseMilliseconds: 2000, sequence: 8),
        Trial(itemID: 3, annotatorID: 20, guesses: [], abstained: true, responseMilliseconds: 100, sequence: 9),
        Trial(itemID: 4, annotatorID: 10, guesses: [0, 1], sequence: 10),
        Trial(itemID: 4, annotatorID: 30, guesses: [2, 0], responseMilliseconds: 1200, sequence: 11),
        Trial(itemID: 4, annotatorID: 20, guesses: [0], responseMilliseconds: 900, sequence: 12),
        Trial(itemID: 5, annotatorID: 30, guesses: [], abstained: true, sequence: 13),
        Trial(itemID: 5, annotatorID: 20, guesses: [], abstained: true, sequence: 14),
        Trial(itemID: 3, annotatorID: 10, guesses: [2], sequence: 15, superseded: true),
        Trial(itemID: 999, annotatorID: 30, guesses: [0], sequence: 16),
    ]

    static let net = ModelPredictions(
        modelName: "net", rankedCategories: [1: [0, 2], 2: [1, 0], 3: [0, 1], 5: [1]])
    static let other = ModelPredictions(
        modelName: "other", rankedCategories: [1: [0], 2: [0], 3: [0], 4: [0]])

    static let generatedAt = Date(timeIntervalSince1970: 1_700_000_000)

    /// Trials go in reversed, so no result can lean on the order they arrive in.
    static func report(models: [ModelPredictions] = [net, other]) -> Report {
        ReportBuilder(
            datasetName: "pets", categories: categories, settings: settings, truths: truths,
            trials: trials.reversed(), models: models, annotatorNames: [10: "Ann", 20: "Bo"]
        ).makeReport(generatedAt: generatedAt)
    }
}
