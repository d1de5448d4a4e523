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
        let labelWidth = 170.0, plotWidth = 460.0, rowHeight = 20.0, top = 28.0
        let height = top + rowHeight * Double(rows.count + 1) + 8
        let highest = (rows.map { $0.interval?.high ?? $0.rate ?? 0 } + individuals).max() ?? 0
        let tickStep = highest <= 0.2 ? 0.05 : highest <= 0.5 ? 0.1 : 0.2
        let scaleMax = min(1, max(tickStep, (highest / tickStep).rounded(.up) * tickStep))
        func x(_ rate: Double) -> Double { labelWidth + plotWidth * min(rate, scaleMax) / scaleMax }

        var svg = #"<svg class="chart" viewBox="0 0 \#(Int(labelWidth + plotWidth + 20)) \#(Int(height))" role="img" aria-label="Top-1 error of each kind of human and of each model, with 95 % intervals">"#
        for rate in stride(from: 0.0, through: scaleMax + 1e-9, by: tickStep) {
            let position = HTMLText.coordinate(x(rate))
            svg += #"<line x1="\#(position)" y1="\#(top - 6)" x2="\#(position)" y2="\#(HTMLText.coordinate(height - 4))" class="grid"/>"#
            svg += #"<text x="\#(position)" y="14" class="tick">\#(String(format: "%.0f%%", rate * 100))</text>"#
        }
        let first = top + rowHeight / 2
        svg += #"<text x="\#(HTMLText.coordinate(labelWidth - 8))" y="\#(HTMLText.coordinate(first + 4))" class="label">each annotator (\#(individuals.count))</text>"#
        for rate in individuals {
            let position = HTMLText.coordinate(x(rate))
            svg += #"<line x1="\#(position)" y1="\#(HTMLText.coordinate(first - 6))" x2="\#(position)" y2="\#(HTMLText.coordinate(first + 6))" class="whisker human individual"/>"#
        }
        for (index, row) in rows.enumerated() {
            let middle = first + rowHeight * Double(index + 1)
            svg += #"<text x="\#(HTMLText.coordinate(labelWidth - 8))" y="\#(HTMLText.coordinate(middle + 4))" class="label">\#(HTMLText.escape(row.label))</text>"#
            svg += SVGCategoryChart.mark(rate: row.rate, interval: row.interval, y: middle, kind: row.kind, x: x)
        }
        return svg + "</svg>"
    }
}
