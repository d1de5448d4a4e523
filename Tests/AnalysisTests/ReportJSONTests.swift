// ReportJSONTests: DESIGN's keys, explicit nulls for unknowns, intervals as pairs, sorted output.
import Foundation
import Testing
@testable import Analysis

@Suite struct ReportJSONTests {
    // DESIGN.md, "Report JSON", plus `models` (several models, see Report) and `galleries`.
    // Since 1.2 also `provenance`, `coverage`, `exclusions`, `hierarchy` and `humans`, and the majority's and the paired tests' item counts.
    static let topLevelKeys: Set = [
        "dataset", "model", "generated_at", "provenance", "coverage", "exclusions", "hierarchy", "overall", "categories", "annotators", "humans", "confusion", "models",
        "galleries",
    ]
    static let sharedKeys: Set = [
        "items", "judgements", "human_error", "human_error_ci", "human_topk_error", "human_majority_items", "human_majority_error",
        "human_majority_error_ci", "model_error", "model_error_ci", "model_topk_error", "paired_items", "mcnemar_p",
        "error_consistency",
    ]
    // `avoidable_bias` is the old name of `model_minus_human_majority_error`, kept one release.
    static let overallKeys = sharedKeys.union(["krippendorff_alpha", "cohen_kappa", "abstention_rate",
                                               "model_minus_human_majority_error", "avoidable_bias"])
    static let categoryKeys = sharedKeys.union(["category"])

    func object(_ report: Report) throws -> [String: Any] {
        let json = try JSONSerialization.jsonObject(with: ReportJSON.data(for: report))
        return try #require(json as? [String: Any])
    }

    func emptyReport() -> Report {
        ReportBuilder(
            datasetName: "none", categories: ["only"], settings: AnalysisSettings(maxGuesses: 5),
            truths: [], trials: []
        ).makeReport(generatedAt: Date(timeIntervalSince1970: 0))
    }

    @Test func keysAreDesigns() throws {
        let json = try object(ExampleDataset.report())
        #expect(Set(json.keys) == Self.topLevelKeys)
        let overall = try #require(json["overall"] as? [String: Any])
        #expect(Set(overall.keys) == Self.overallKeys)
        let categories = try #require(json["categories"] as? [[String: Any]])
        #expect(categories.count == 3)
        for category in categories { #expect(Set(category.keys) == Self.categoryKeys) }
        #expect(categories.map { $0["category"] as? String } == ["cat", "dog", "bird"])
    }

    @Test func unknownValuesArePresentAsNull() throws {
        let json = try object(emptyReport())
        #expect(json["model"] is NSNull)
        let overall = try #require(json["overall"] as? [String: Any])
        let unknown = Self.overallKeys.subtracting(["items", "judgements", "human_majority_items", "paired_items"])
        for key in unknown {
            #expect(overall[key] is NSNull, "overall.\(key) should be null")
        }
        #expect(overall["items"] as? Int == 0)
        let category = try #require((json["categories"] as? [[String: Any]])?.first)
        for key in Self.categoryKeys.subtracting(["items", "judgements", "category", "human_majority_items", "paired_items"]) {
            #expect(category[key] is NSNull, "categories[0].\(key) should be null")
        }
        let confusion = try #require(json["confusion"] as? [String: Any])
        #expect(confusion["model"] is NSNull)
    }

    @Test func partlyKnownCategoryKeepsNullsNextToNumbers() throws {
        let json = try object(ExampleDataset.report())
        let bird = try #require((json["categories"] as? [[String: Any]])?.last)
        #expect(bird["human_error"] is NSNull)
        #expect(bird["mcnemar_p"] is NSNull)
        let annotators = try #require(json["annotators"] as? [[String: Any]])
        #expect(annotators[1]["practice_error"] is NSNull)
        #expect(annotators[2]["name"] is NSNull)
    }

    @Test func intervalsArePairs() throws {
        let json = try object(ExampleDataset.report())
        let overall = try #require(json["overall"] as? [String: Any])
        let interval = try #require(overall["human_error_ci"] as? [Double])
        #expect(interval.count == 2)
        #expect(interval[0] < 5.0 / 9.0 && 5.0 / 9.0 < interval[1])
    }

    @Test func outputIsPrettyWithSortedKeys() throws {
        let text = try ReportJSON.string(for: ExampleDataset.report())
        #expect(text.contains("\n  \"annotators\""))
        let order = ["\"annotators\"", "\"categories\"", "\"confusion\"", "\"dataset\"", "\"generated_at\""]
        let positions = order.compactMap { text.range(of: $0)?.lowerBound }
        #expect(positions.count == order.count)
        #expect(positions == positions.sorted())
    }

    @Test func confusionAndModelsShape() throws {
        let json = try object(ExampleDataset.report())
        let confusion = try #require(json["confusion"] as? [String: Any])
        #expect(Set(confusion.keys) == ["categories", "human", "human_majority", "model"])
        #expect(confusion["human"] as? [[Int]] == [[3, 2, 0], [2, 1, 1], [0, 0, 0]])
        let models = try #require(json["models"] as? [[String: Any]])
        #expect(models.map { $0["model"] as? String } == ["net", "other"])
        #expect(Set(models[0].keys) == [
            "model", "items", "model_error", "model_error_ci", "model_topk_error", "paired_items", "mcnemar_p", "error_consistency",
            "cohen_kappa", "model_minus_human_majority_error", "avoidable_bias", "categories", "confusion",
        ])
    }
}
