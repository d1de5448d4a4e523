// SVGHeatmap: a confusion matrix as a heatmap, each row shaded by its share of that row's answers.
import Foundation

enum SVGHeatmap {
    /// Past this many categories the cells are too small to read; the report lists top confusions instead.
    static let maxCategories = 40

    static func svg(_ matrix: ConfusionMatrix, categories: [String], title: String) -> String {
        let count = categories.count
        let cell = count <= 12 ? 28.0 : 14.0
        let labelWidth = 130.0, top = 120.0
        let size = cell * Double(count)
        var svg = #"<svg class="heatmap" viewBox="0 0 \#(Int(labelWidth + size + 70)) \#(Int(top + size + 10))" role="img" aria-label="\#(HTMLText.escape(title))">"#
        for (index, name) in categories.enumerated() {
            let rowY = HTMLText.coordinate(top + Double(index) * cell + cell / 2 + 4)
            svg += #"<text x="\#(HTMLText.coordinate(labelWidth - 6))" y="\#(rowY)" class="label">\#(HTMLText.escape(name))</text>"#
            let columnX = HTMLText.coordinate(labelWidth + Double(index) * cell + cell / 2 + 4)
            svg += #"<text transform="translate(\#(columnX) \#(HTMLText.coordinate(top - 6))) rotate(-60)" class="column">\#(HTMLText.escape(name))</text>"#
        }
        for (truth, row) in matrix.counts.enumerated() {
            let total = row.reduce(0, +)
            for (answer, n) in row.enumerated() {
                let share = total == 0 ? 0 : Double(n) / Double(total)
                let x = HTMLText.coordinate(labelWidth + Double(answer) * cell)
                let y = HTMLText.coordinate(top + Double(truth) * cell)
                let shade = truth == answer ? "diag" : "off"
                svg += #"<rect x="\#(x)" y="\#(y)" width="\#(HTMLText.coordinate(cell - 1))" height="\#(HTMLText.coordinate(cell - 1))" class="cell \#(shade)" fill-opacity="\#(String(format: "%.3f", 0.04 + 0.96 * share))"><title>\#(HTMLText.escape(categories[truth])) → \#(HTMLText.escape(categories[answer])): \#(n)</title></rect>"#
                if cell >= 28, n > 0 {
                    svg += #"<text x="\#(HTMLText.coordinate(labelWidth + Double(answer) * cell + cell / 2))" y="\#(HTMLText.coordinate(top + Double(truth) * cell + cell / 2 + 4))" class="count\#(share > 0.5 ? " light" : "")">\#(n)</text>"#
                }
            }
        }
        return svg + "</svg>"
    }

    /// The most frequent off-diagonal (truth, answer) pairs, for matrices too big to draw.
    static func topConfusions(_ matrix: ConfusionMatrix, limit: Int = 15) -> [(truth: Int, answer: Int, count: Int)] {
        var pairs: [(truth: Int, answer: Int, count: Int)] = []
        for (truth, row) in matrix.counts.enumerated() {
            for (answer, n) in row.enumerated() where answer != truth && n > 0 { pairs.append((truth, answer, n)) }
        }
        return Array(pairs.sorted { ($0.count, -$0.truth, -$0.answer) > ($1.count, -$1.truth, -$1.answer) }.prefix(limit))
    }
}
