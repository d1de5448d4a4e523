// CSVCell: one cell of RefHuman's CSV exports, safe to open in a spreadsheet and quoted as RFC 4180 needs.
import Foundation

/// Every CSV writer (the report's CSV, the per-trial export, the predictions export) builds
/// its cells here, so all of them neutralise formulas alike.
///
/// Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return as
/// a formula, so a category, annotator or file name such as `=HYPERLINK(…)` would come alive
/// when the file is opened. As OWASP advises, such a text cell gets a leading `'`, which
/// spreadsheets take as "this is text" and do not show. Cells are told apart by type, not
/// by content: numbers (which may well start with `-`) go through `number` and stay numbers;
/// everything else, lists of numbers joined into one cell included, goes through `text`.
public enum CSVCell {
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\t", "\r"]

    /// A text cell: neutralised when it starts like a formula, then quoted when RFC 4180 asks.
    public static func text(_ value: String) -> String {
        let startsLikeFormula = value.unicodeScalars.first.map { formulaStarts.contains($0) } ?? false
        return quoted(startsLikeFormula ? "'" + value : value)
    }

    /// A number cell, empty when unknown. A number's text (digits, sign, point, exponent,
    /// nan, inf) holds neither a formula a spreadsheet would run nor anything to quote.
    public static func number<Number: Numeric & LosslessStringConvertible>(_ value: Number?) -> String {
        value.map { "\($0)" } ?? ""
    }

    /// RFC 4180: a field with a comma, quote or line break is wrapped in quotes, quotes doubled.
    private static func quoted(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
        let needsQuotes = field.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
