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
        let height = SVGErrorAxis.height(rows: rows.count)
        let axis = SVGErrorAxis(highest: rows.map { max($0.humanCI?.high ?? $0.human ?? 0, $0.modelCI?.high ?? $0.model ?? 0) }.max() ?? 0)
        var svg = axis.open(height: height, label: "Error by category, human and model, with 95 % intervals")
        for (index, row) in rows.enumerated() {
            let middle = SVGErrorAxis.top + SVGErrorAxis.rowHeight * Double(index) + SVGErrorAxis.rowHeight / 2
            svg += axis.label(row.name, middle: middle)
            svg += mark(rate: row.human, interval: row.humanCI, y: middle - (hasModel ? 4 : 0), kind: "human", x: axis.x)
            if hasModel { svg += mark(rate: row.model, interval: row.modelCI, y: middle + 4, kind: "model", x: axis.x) }
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
