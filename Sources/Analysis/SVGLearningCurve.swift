// SVGLearningCurve: a sparkline of an annotator's error over successive blocks, practice then test.
import Foundation
import StudyPhase

enum SVGLearningCurve {
    static func svg(_ blocks: [LearningCurveBlock]) -> String {
        guard !blocks.isEmpty else { return "–" }
        let width = 140.0, height = 34.0, pad = 3.0
        let step = blocks.count > 1 ? (width - 2 * pad) / Double(blocks.count - 1) : 0
        func point(_ index: Int) -> (x: Double, y: Double) {
            (pad + step * Double(index), pad + (height - 2 * pad) * blocks[index].error)
        }
        let label = blocks.map { "\($0.phase.rawValue) \($0.block + 1): \(HTMLText.percent($0.error))" }.joined(separator: ", ")
        var svg = #"<svg class="spark" viewBox="0 0 \#(Int(width)) \#(Int(height))" role="img" aria-label="Error per block: \#(label)">"#
        svg += #"<rect x="0" y="0" width="\#(Int(width))" height="\#(Int(height))" class="frame"/>"#
        let path = blocks.indices.map { index in
            let p = point(index)
            return "\(index == 0 ? "M" : "L")\(HTMLText.coordinate(p.x)) \(HTMLText.coordinate(p.y))"
        }.joined(separator: " ")
        svg += #"<path d="\#(path)" class="line"/>"#
        for index in blocks.indices {
            let p = point(index)
            svg += #"<circle cx="\#(HTMLText.coordinate(p.x))" cy="\#(HTMLText.coordinate(p.y))" r="2" class="\#(blocks[index].phase.rawValue)"/>"#
        }
        return svg + "</svg>"
    }
}
