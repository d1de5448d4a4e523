// HTMLReportTests: the HTML report is one self-contained file, escapes every dataset string,
// and renders in headless Chromium (the screenshot is kept in .build/test-artifacts/).
import Foundation
import Testing
import TestSupport

@Suite struct HTMLReportTests {
    func htmlReport(_ study: ReportStudy) throws -> String {
        let output = study.directory.path("report.html")
        let result = try study.refhuman(["report", "--format", "html", "--out", output])
        try #require(result.status == 0, "\(result.stderr)")
        return try String(contentsOfFile: output, encoding: .utf8)
    }

    /// The data block the admin page's Precision box reads holds the JSON report's `overall`
    /// and `coverage`, value for value.
    @Test func theSummaryBlockIsTheJSONReportsOverallAndCoverage() throws {
        let study = try ReportStudy()
        let html = try htmlReport(study)
        let block = try #require(html.firstMatch(of: /<script type="application\/json" id="report-summary">([^<]*)<\/script>/))
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(block.output.1.utf8)) as? NSDictionary)
        let output = study.directory.path("report.json")
        let result = try study.refhuman(["report", "--format", "json", "--out", output])
        try #require(result.status == 0, "\(result.stderr)")
        let report = try #require(try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: output))) as? NSDictionary)
        #expect(Set(summary.allKeys.compactMap { $0 as? String }) == ["overall", "coverage"])
        #expect(summary["overall"] as? NSDictionary == report["overall"] as? NSDictionary)
        #expect(summary["coverage"] as? NSDictionary == report["coverage"] as? NSDictionary)
        #expect((summary["overall"] as? NSDictionary)?["human_majority_error"] != nil)
    }

    @Test func namesAreEscapedAndNothingIsFetched() throws {
        let html = try htmlReport(try ReportStudy())
        #expect(html.contains("&lt;fox&gt; &amp; &quot;friends&quot;"))
        #expect(!html.contains("<fox>"))
        #expect(html.contains("<title>RefHuman report: Pets &amp; &lt;friends&gt;</title>"))
        // Every src/href is a data URI or an in-page anchor: the file makes no request.
        let references = html.matches(of: /(?:src|href)\s*=\s*"([^"]*)"/).map { String($0.output.1) }
        #expect(references.allSatisfy { $0.hasPrefix("data:") || $0.hasPrefix("#") })
        #expect(!html.contains("url(") && !html.contains("<link"))
        // The one script element is a JSON data block, which no browser runs.
        #expect(html.matches(of: /<script[^>]*>/).map { String($0.output) } == ["<script type=\"application/json\" id=\"report-summary\">"])
        // Items every annotator got wrong: only t3 (ann said fox, bo abstained), with its thumbnail.
        #expect(html.contains("Items every annotator got wrong: 1<"))
        #expect(html.matches(of: /<img src="data:image\/png;base64,/).count >= 1)
        // Methods state the protocol.
        #expect(html.contains("Each of the 4 test items was to collect 2 judgements from distinct annotators (planned); "
                              + "4 items received at least one counted judgement and 3 all 2 (collected; see Coverage)."))
        // The coverage table, and the gallery naming t3 by its source.
        #expect(html.contains("<tr><td class=\"num\">1</td><td class=\"num\">1</td><td>short of 2</td></tr>"))
        #expect(html.contains("<dt>item</dt><dd>t3.png</dd>"))
        #expect(html.contains("<th>Software</th><td>refhuman "))
        // Which human: the median of ann's 1/4 and bo's 2/3, the majority of 2 (1/3, exact), m's
        // paired difference −1/7 (see ReportCommandTests), and the chart with one tick per annotator.
        #expect(html.contains("<h2>Which human?</h2>"))
        #expect(html.contains("<tr><td>Median annotator</td><td class=\"num\">45.8 %</td>"))
        #expect(html.contains("<tr><td>Majority of 2</td><td class=\"num\">33.3 %</td><td class=\"num\">–</td><td>3 items with ≥ 2 (exact)</td></tr>"))
        #expect(html.contains("<tr><td>m − pooled humans</td><td class=\"num\">-14.3 pp</td>"))
        #expect(html.contains("each annotator (2)</text>"))
        #expect(html.contains("up to 2 ordered guesses"))
    }

    @Test func chromiumRendersTheReport() throws {
        let study = try ReportStudy()
        _ = try htmlReport(study)
        let artifacts = Shell.repositoryRoot.appendingPathComponent(".build/test-artifacts")
        try FileManager.default.createDirectory(at: artifacts, withIntermediateDirectories: true)
        let screenshot = artifacts.appendingPathComponent("report.png").path
        try? FileManager.default.removeItem(atPath: screenshot)
        let page = "file://" + study.directory.path("report.html")
        let flags = ["--headless", "--no-sandbox", "--disable-gpu", "--hide-scrollbars", "--user-data-dir=" + study.directory.path("chromium")]
        let shot = try Shell.run("/usr/bin/chromium", flags + ["--window-size=1100,2600", "--screenshot=\(screenshot)", page])
        try #require(shot.status == 0, "\(shot.stderr)")
        let png = try Data(contentsOf: URL(fileURLWithPath: screenshot))
        #expect(png.starts(with: [0x89, 0x50, 0x4E, 0x47]))
        // The rendered DOM: the browser parsed the escaped name back into the original text,
        // and it is text, not markup (a <fox> element would have been created otherwise).
        let dom = try Shell.run("/usr/bin/chromium", flags + ["--dump-dom", page])
        try #require(dom.status == 0, "\(dom.stderr)")
        #expect(dom.stdout.contains("&lt;fox&gt; &amp; \"friends\""))
        #expect(!dom.stdout.contains("<fox>"))
    }
}
