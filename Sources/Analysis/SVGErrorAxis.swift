// SVGErrorAxis: the horizontal error-rate axis the report's forest charts share: a label
// column, round gridlines, and the x position of a rate.
import Foundation

struct SVGErrorAxis {
    static let labelWidth = 170.0, plotWidth = 460.0, rowHeight = 20.0, top = 28.0

    let tickStep: Double
    let scaleMax: Double

    /// An axis reaching past `highest`, the largest rate or interval end it must show.
    init(highest: Double) {
        // Round gridlines (5, 10 or 20 points apart) read faster than quarters of an odd maximum.
        tickStep = highest <= 0.2 ? 0.05 : highest <= 0.5 ? 0.1 : 0.2
        scaleMax = min(1, max(tickStep, (highest / tickStep).rounded(.up) * tickStep))
    }

    func x(_ rate: Double) -> Double { Self.labelWidth + Self.plotWidth * min(rate, scaleMax) / scaleMax }

    /// The height of a chart of `rows` rows.
    static func height(rows: Int) -> Double { top + rowHeight * Double(rows) + 8 }

    /// The opening `<svg>` tag, then the gridlines and their percentage labels.
    func open(height: Double, label: String) -> String {
        var svg = #"<svg class="chart" viewBox="0 0 \#(Int(Self.labelWidth + Self.plotWidth + 20)) \#(Int(height))" role="img" aria-label="\#(label)">"#
        for rate in stride(from: 0.0, through: scaleMax + 1e-9, by: tickStep) {
            let position = HTMLText.coordinate(x(rate))
            svg += #"<line x1="\#(position)" y1="\#(Self.top - 6)" x2="\#(position)" y2="\#(HTMLText.coordinate(height - 4))" class="grid"/>"#
            svg += #"<text x="\#(position)" y="14" class="tick">\#(String(format: "%.0f%%", rate * 100))</text>"#
        }
        return svg
    }

    /// A row's label, right-aligned against the plot.
    func label(_ text: String, middle: Double) -> String {
        #"<text x="\#(HTMLText.coordinate(Self.labelWidth - 8))" y="\#(HTMLText.coordinate(middle + 4))" class="label">\#(HTMLText.escape(text))</text>"#
    }
}
