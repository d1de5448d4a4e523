// ReportCSVTests: column layout, empty cells for unknowns, RFC 4180 quoting and line endings.
import Foundation
import Testing
@testable import Analysis

@Suite struct ReportCSVTests {
    func rows(_ csv: String) -> [String] {
        csv.components(separatedBy: "\r\n").dropLast().map { $0 }
    }

    @Test func headerThenOverallThenOneRowPerCategory() {
        let csv = ReportCSV.string(for: ExampleDataset.report())
        #expect(csv.hasSuffix("\r\n"))
        let lines = rows(csv)
        // Header, overall, 3 categories, then 9 "human" rows: median annotator, pooled judgements,
        // majority of 1, 2 and 3, Dawid–Skene, and each of the 3 annotators.
        #expect(lines.count == 1 + 1 + 3 + 9)
        #expect(lines[0] == """
            scope,category,items,judgements,human_error,human_error_ci_low,human_error_ci_high,human_topk_error,\
            human_majority_items,human_majority_error,human_majority_error_ci_low,human_majority_error_ci_high,model_error,\
            model_error_ci_low,model_error_ci_high,model_topk_error,paired_items,mcnemar_p,error_consistency,\
            krippendorff_alpha,cohen_kappa,abstention_rate,model_minus_human_majority_error
            """)
        #expect(lines[1].hasPrefix("overall,,4,9,"))
        #expect(lines[2].hasPrefix("category,cat,2,5,0.4,"))
        // bird: no items, every figure unknown (0 items for the majority and the paired tests),
        // overall-only columns blank.
        #expect(lines[4] == "category,bird,0,0,,,,,0,,,,,,,,0,,,,,,")
        // Annotators' test errors: A (10) 2 of 4, B (20) 2 of 3, C (30) 1 of 2 → median 0.5.
        #expect(lines[5] == "human,median annotator,,,0.5" + String(repeating: ",", count: 18))
        #expect(lines[6].hasPrefix("human,pooled judgements,4,9,"))
        #expect(lines[11].hasPrefix("human,annotator Ann,,4,0.5,0.15003898774"))  // Wilson for 2 of 4
        #expect(lines.allSatisfy { $0.components(separatedBy: ",").count == ReportCSV.header.count })
    }

    @Test func overallRowCarriesTheFigures() {
        let cells = rows(ReportCSV.string(for: ExampleDataset.report()))[1].components(separatedBy: ",")
        let column = Dictionary(uniqueKeysWithValues: zip(ReportCSV.header, cells))
        #expect(column["human_error"] == "\(5.0 / 9.0)")
        #expect(column["human_majority_error"] == "0.5")
        #expect(column["mcnemar_p"] == "1.0")
        #expect(column["abstention_rate"] == "0.25")
        #expect(column["human_error_ci_low"]?.hasPrefix("0.26665129") == true)
    }

    @Test func awkwardCategoryNamesAreQuoted() {
        let report = ReportBuilder(
            datasetName: "q", categories: ["big, \"red\" dog", "two\r\nlines", "plain"],
            settings: AnalysisSettings(maxGuesses: 1), truths: [], trials: []
        ).makeReport(generatedAt: Date(timeIntervalSince1970: 0))
        let csv = ReportCSV.string(for: report)
        #expect(csv.contains("\r\ncategory,\"big, \"\"red\"\" dog\",0,0,"))
        #expect(csv.contains("\r\ncategory,\"two\r\nlines\",0,0,"))
        #expect(csv.contains("\r\ncategory,plain,0,0,"))
    }
}
