// ReportCSV: renders a Report as RFC 4180 CSV, one row for overall then one per category.
import Foundation

/// Columns carry DESIGN's key names; an interval becomes `<key>_low` and `<key>_high`. A
/// `scope` column says "overall" or "category", so a category that happens to be named
/// "overall" cannot be mistaken for the total. Unknown values, and overall-only figures on
/// category rows, are empty cells. Model columns describe the primary model. Cells are
/// written by CSVCell, which keeps category names from running as spreadsheet formulas.
public enum ReportCSV {
    public static let header = [
        "scope", "category", "items", "judgements",
        "human_error", "human_error_ci_low", "human_error_ci_high", "human_topk_error",
        "human_majority_items", "human_majority_error", "human_majority_error_ci_low", "human_majority_error_ci_high",
        "model_error", "model_error_ci_low", "model_error_ci_high", "model_topk_error",
        "paired_items", "mcnemar_p", "error_consistency",
        "krippendorff_alpha", "cohen_kappa", "abstention_rate", "model_minus_human_majority_error",
    ]

    public static func string(for report: Report) -> String {
        let overall = report.overall
        let overallRow = ["overall", ""].map(CSVCell.text)
            + comparisonCells(human: overall.human, model: overall.model)
            + [overall.krippendorffAlpha, overall.cohenKappa, overall.abstentionRate, overall.modelMinusHumanError].map(CSVCell.number)
        let categoryRows = report.categories.map { figures in
            ["category", figures.category].map(CSVCell.text)
                + comparisonCells(human: figures.human, model: figures.model)
                + ["", "", "", ""]
        }
        return ([header.map(CSVCell.text), overallRow] + categoryRows)
            .map { row in row.joined(separator: ",") + "\r\n" }
            .joined()
    }

    private static func comparisonCells(human: HumanFigures, model: ModelComparisonFigures) -> [String] {
        [CSVCell.number(human.items), CSVCell.number(human.judgements), CSVCell.number(human.error)]
            + intervalCells(human.errorCI)
            + [CSVCell.number(human.topKError), CSVCell.number(human.majorityItems), CSVCell.number(human.majorityError)]
            + intervalCells(human.majorityErrorCI)
            + [CSVCell.number(model.error)]
            + intervalCells(model.errorCI)
            + [CSVCell.number(model.topKError), CSVCell.number(model.pairedItems), CSVCell.number(model.mcnemarP),
               CSVCell.number(model.errorConsistency)]
    }

    private static func intervalCells(_ interval: ConfidenceInterval?) -> [String] {
        [CSVCell.number(interval?.low), CSVCell.number(interval?.high)]
    }
}
