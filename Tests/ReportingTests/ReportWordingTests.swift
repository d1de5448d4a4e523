// ReportWordingTests: the HTML report's counts read as English: "1 annotator", not "1 annotators".
import Foundation
import Testing
import TestSupport

@Suite struct ReportWordingTests {
    @Test func htmlReportCountsOneAnnotatorInTheSingular() throws {
        let study = try FormulaStudy()
        let output = study.directory.path("report.html")
        let result = try study.refhuman(["report", "--dataset", "formulas", "--format", "html", "--out", output])
        try #require(result.status == 0, "\(result.stderr)")
        let html = try String(contentsOfFile: output, encoding: .utf8)
        #expect(html.contains(" · 1 annotator · "))
        #expect(html.contains("1 annotator contributed"))
        #expect(!html.contains("1 annotators"))
        #expect(html.contains("3 compared items · 3 counted judgements"))
    }
}
