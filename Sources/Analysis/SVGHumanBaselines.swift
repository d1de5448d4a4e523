// SVGHumanBaselines: "which human" as one forest of errors: every annotator as a tick, the
// median and best annotator, the pooled judgements, the majority of k, Dawid–Skene and the models.
import Foundation

enum SVGHumanBaselines {
    struct Row {
        let label: String
        let rate: Double?
        let interval: ConfidenceInterval?
        let kind: String
    }

    static func rows(_ report: Report) -> [Row] {
        let humans = report.humans
        var rows = [
            Row(label: "median annotator", rate: humans.medianAnnotatorError, interval: nil, kind: "human"),
        ]
        if let best = humans.bestAnnotator {
            rows.append(Row(label: "best annotator", rate: best.error, interval: best.errorCI, kind: "human"))
        }
        rows.append(Row(label: "pooled judgements", rate: humans.pooledError, interval: humans.pooledErrorBootstrapCI, kind: "human"))
        for point in humans.majorityOfK {
            rows.append(Row(label: "majority of \(point.k)", rate: point.error, interval: nil, kind: "human"))
        }
        if let dawidSkene = humans.dawidSkene {
            rows.append(Row(label: "Dawid–Skene", rate: dawidSkene.error, interval: dawidSkene.errorCI, kind: "human"))
        }
        for model in report.models {
            rows.append(Row(label: model.model, rate: model.comparison.error, interval: model.comparison.errorCI, kind: "model"))
        }
        return rows
    }

    static func svg(_ report: Report) -> String {
        let rows = rows(report)
        let individuals = report.annotators.compactMap(\.testError)
        let height = SVGErrorAxis.height(rows: rows.count + 1)
        let axis = SVGErrorAxis(highest: (rows.map { $0.interval?.high ?? $0.rate ?? 0 } + individuals).max() ?? 0)
        var svg = axis.open(height: height, label: "Top-1 error of each kind of human and of each model, with 95 % intervals")
        let first = SVGErrorAxis.top + SVGErrorAxis.rowHeight / 2
        svg += axis.label("each annotator (\(individuals.count))", middle: first)
        for rate in individuals {
            let position = HTMLText.coordinate(axis.x(rate))
            svg += #"<line x1="\#(position)" y1="\#(HTMLText.coordinate(first - 6))" x2="\#(position)" y2="\#(HTMLText.coordinate(first + 6))" class="whisker human individual"/>"#
        }
        for (index, row) in rows.enumerated() {
            let middle = first + SVGErrorAxis.rowHeight * Double(index + 1)
            svg += axis.label(row.label, middle: middle)
            svg += SVGCategoryChart.mark(rate: row.rate, interval: row.interval, y: middle, kind: row.kind, x: axis.x)
        }
        return svg + "</svg>"
    }
}
