// ReportHTML: the report as one self-contained, printable HTML file: inline CSS and SVG,
// thumbnails as data URIs, no script and no external request. One JSON data block (never
// run) carries the figures the admin page's Precision box reads (ReportJSON.summaryData).
import Foundation

public enum ReportHTML {
    /// `thumbnails` maps item ids to `data:` URIs; gallery items without one show no picture.
    public static func document(for report: Report, design: StudyDesign, thumbnails: [Int64: String] = [:]) throws -> String {
        let page = ReportHTMLPage(report: report, design: design, thumbnails: thumbnails)
        // Inside <script>, only "</script" could end the block early; JSON allows < as \u003c.
        let summary = String(decoding: try ReportJSON.summaryData(for: report), as: UTF8.self)
            .replacingOccurrences(of: "<", with: "\\u003c")
        return """
        <!doctype html>
        <html lang="en">
        <head>
        <meta charset="utf-8">
        <meta name="viewport" content="width=device-width, initial-scale=1">
        <title>RefHuman report: \(HTMLText.escape(design.title))</title>
        <style>\(ReportHTMLStyle.css)</style>
        </head>
        <body><main>
        \(page.header())
        \(page.headline())
        \(page.exclusions())
        \(page.coverage())
        \(page.whichHuman())
        \(page.hierarchy())
        \(page.categoryChart())
        \(page.confusion())
        \(page.annotators())
        \(page.galleries())
        \(page.agreement())
        \(page.methods())
        \(page.provenance())
        </main>
        <script type="application/json" id="report-summary">\(summary)</script>
        </body>
        </html>

        """
    }
}
