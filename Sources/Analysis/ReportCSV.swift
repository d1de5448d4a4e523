// ReportCSV: renders a Report as RFC 4180 CSV, one row for overall then one per category.
import Foundation

/// Columns carry DESIGN's key names; an interval becomes `<key>_low` and `<key>_high`. A
/// `scope` column says "overall" or "category", so a category that happens to be named
/// "overall" cannot be mistaken for the total. Unknown values, and overall-only figures on
/// category rows, are empty cells. Model columns describe the primary model.
public enum ReportCSV {
    public static let header = [
        "scope", "category", "items", "judgements",
        "human_error", "human_error_ci_low", "human_error_ci_high", "human_topk_error",
        "human_majority_error", "human_majority_error_ci_low", "human_majority_error_ci_high",
        "model_error", "model_error_ci_low", "model_error_ci_high", "model_topk_error",
        "mcnemar_p", "error_consistency",
        "krippendorff_alpha", "cohen_kappa", "abstention_rate", "avoidable_bias",
    ]

    public static func string(for report: Report) -> String {
        let overall = report.overall
        let overallRow = ["overall", ""]
            + comparisonCells(human: overall.human, model: overall.model)
            + [overall.krippendorffAlpha, overall.cohenKappa, overall.abstentionRate, overall.avoidableBias].map(cell)
        let categoryRows = report.categories.map { figures in
            ["category", figures.category]
                + comparisonCells(human: figures.human, model: figures.model)
                + ["", "", "", ""]
        }
        return ([header, overallRow] + categoryRows)
            .map { row in row.map(quoted).joined(separator: ",") + "\r\n" }
            .joined()
    }

    private static func comparisonCells(human: HumanFigures, model: ModelComparisonFigures) -> [String] {
        [String(human.items), String(human.judgements), cell(human.error)]
            + intervalCells(human.errorCI)
            + [cell(human.topKError), cell(human.majorityError)]
            + intervalCells(human.majorityErrorCI)
            + [cell(model.error)]
            + intervalCells(model.errorCI)
            + [cell(model.topKError), cell(model.mcnemarP), cell(model.errorConsistency)]
    }

    private static func cell(_ value: Double?) -> String {
        value.map { "\($0)" } ?? ""
    }

    private static func intervalCells(_ interval: ConfidenceInterval?) -> [String] {
        [cell(interval?.low), cell(interval?.high)]
    }

    /// RFC 4180: a field with a comma, quote or line break is wrapped in quotes, quotes doubled.
    public static func quoted(_ field: String) -> String {
        // Scalars, not Characters: "\r\n" is one Character equal to neither "\r" nor "\n".
        let needsQuotes = field.unicodeScalars.contains { ",\"\r\n".unicodeScalars.contains($0) }
        guard needsQuotes else { return field }
        return "\"" + field.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
