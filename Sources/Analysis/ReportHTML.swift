// ReportHTML: the report as one self-contained, printable HTML file: inline CSS and SVG,
// thumbnails as data URIs, no script and no external request.
import Foundation

public enum ReportHTML {
    /// `thumbnails` maps item ids to `data:` URIs; gallery items without one show no picture.
    public static func document(for report: Report, design: StudyDesign, thumbnails: [Int64: String] = [:]) -> String {
        let page = ReportHTMLPage(report: report, design: design, thumbnails: thumbnails)
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
        </main></body>
        </html>

        """
    }
}
