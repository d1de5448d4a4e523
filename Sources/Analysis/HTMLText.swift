// HTMLText: escaping and number formatting for the HTML report; every dataset string passes here.
import Foundation

enum HTMLText {
    /// Escapes for both text and double- or single-quoted attribute values.
    static func escape(_ text: String) -> String {
        var escaped = ""
        escaped.reserveCapacity(text.utf8.count)
        for character in text {
            switch character {
            case "&": escaped += "&amp;"
            case "<": escaped += "&lt;"
            case ">": escaped += "&gt;"
            case "\"": escaped += "&quot;"
            case "'": escaped += "&#39;"
            default: escaped.append(character)
            }
        }
        return escaped
    }

    /// A count with its noun in the right number: "1 annotator", "2 annotators", "0 items".
    static func counted(_ number: Int, _ singular: String, plural: String? = nil) -> String {
        "\(number) \(number == 1 ? singular : plural ?? singular + "s")"
    }

    /// A rate as a percentage with one decimal, or an en dash for unknown.
    static func percent(_ rate: Double?) -> String {
        guard let rate else { return "–" }
        return String(format: "%.1f %%", rate * 100)
    }

    static func interval(_ interval: ConfidenceInterval?) -> String {
        guard let interval else { return "" }
        return String(format: "[%.1f, %.1f]", interval.low * 100, interval.high * 100)
    }

    /// p-values keep their magnitude visible: 0.0312, 1.2e-07.
    static func pValue(_ p: Double?) -> String {
        guard let p else { return "–" }
        return p >= 0.001 ? String(format: "%.4f", p) : String(format: "%.1e", p)
    }

    static func decimal(_ value: Double?, digits: Int = 3) -> String {
        guard let value else { return "–" }
        return String(format: "%.\(digits)f", value)
    }

    /// Signed percentage points, for differences of two rates.
    static func points(_ difference: Double?) -> String {
        guard let difference else { return "–" }
        return String(format: "%+.1f pp", difference * 100)
    }

    static func coordinate(_ value: Double) -> String { String(format: "%.1f", value) }
}
