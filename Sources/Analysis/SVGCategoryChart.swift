// SVGCategoryChart: per-category human vs model error with 95 % whiskers, sorted by the gap.
import Foundation

enum SVGCategoryChart {
    /// Past this many categories the chart shows the largest gaps only; the CSV has them all.
    static let maxRows = 60

    struct Row {
        let name: String
        let human: Double?
        let humanCI: ConfidenceInterval?
        let model: Double?
        let modelCI: ConfidenceInterval?
        /// Model minus human; rows without both sides sort last.
        var gap: Double? {
            guard let human, let model else { return nil }
            return model - human
        }
    }

    static func svg(categories: [CategoryFigures], hasModel: Bool) -> (svg: String, shown: Int) {
        let rows = categories
            .map { Row(name: $0.category, human: $0.human.error, humanCI: $0.human.errorCI,
                       model: $0.model.error, modelCI: $0.model.errorCI) }
            .filter { $0.human != nil || $0.model != nil }
            .sorted { left, right in
                switch (left.gap, right.gap) {
                case let (l?, r?): return abs(l) > abs(r)
                case (_?, nil): return true
                case (nil, _?): return false
                default: return (left.human ?? 0) > (right.human ?? 0)
                }
            }
            .prefix(maxRows)
        let labelWidth = 170.0, plotWidth = 460.0, rowHeight = 20.0, top = 28.0
        let height = top + rowHeight * Double(rows.count) + 8
        let highest = rows.map { max($0.humanCI?.high ?? $0.human ?? 0, $0.modelCI?.high ?? $0.model ?? 0) }.max() ?? 0
        // Round gridlines (5, 10 or 20 points apart) read faster than quarters of an odd maximum.
        let tickStep = highest <= 0.2 ? 0.05 : highest <= 0.5 ? 0.1 : 0.2
        let scaleMax = min(1, max(tickStep, (highest / tickStep).rounded(.up) * tickStep))
        func x(_ rate: Double) -> Double { labelWidth + plotWidth * min(rate, scaleMax) / scaleMax }

        var svg = #"<svg class="chart" viewBox="0 0 \#(Int(labelWidth + plotWidth + 20)) \#(Int(height))" role="img" aria-label="Error by category, human and model, with 95 % intervals">"#
        for rate in stride(from: 0.0, through: scaleMax + 1e-9, by: tickStep) {
            let position = HTMLText.coordinate(x(rate))
            svg += #"<line x1="\#(position)" y1="\#(top - 6)" x2="\#(position)" y2="\#(HTMLText.coordinate(height - 4))" class="grid"/>"#
            svg += #"<text x="\#(position)" y="14" class="tick">\#(String(format: "%.0f%%", rate * 100))</text>"#
        }
        for (index, row) in rows.enumerated() {
            let middle = top + rowHeight * Double(index) + rowHeight / 2
            svg += #"<text x="\#(HTMLText.coordinate(labelWidth - 8))" y="\#(HTMLText.coordinate(middle + 4))" class="label">\#(HTMLText.escape(row.name))</text>"#
            svg += mark(rate: row.human, interval: row.humanCI, y: middle - (hasModel ? 4 : 0), kind: "human", x: x)
            if hasModel { svg += mark(rate: row.model, interval: row.modelCI, y: middle + 4, kind: "model", x: x) }
        }
        return (svg + "</svg>", rows.count)
    }

    /// A dot at `rate` with its interval as a whisker; the "which human" chart draws the same marks.
    static func mark(rate: Double?, interval: ConfidenceInterval?, y: Double, kind: String,
                             x: (Double) -> Double) -> String {
        guard let rate else { return "" }
        var mark = ""
        let row = HTMLText.coordinate(y)
        if let interval {
            mark += #"<line x1="\#(HTMLText.coordinate(x(interval.low)))" y1="\#(row)" x2="\#(HTMLText.coordinate(x(interval.high)))" y2="\#(row)" class="whisker \#(kind)"/>"#
        }
        mark += #"<circle cx="\#(HTMLText.coordinate(x(rate)))" cy="\#(row)" r="3.5" class="dot \#(kind)"><title>\#(kind) \#(HTMLText.percent(rate)) \#(HTMLText.interval(interval))</title></circle>"#
        return mark
    }
}
