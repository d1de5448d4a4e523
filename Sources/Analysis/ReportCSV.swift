// ReportCSV: renders a Report as RFC 4180 CSV, one row for overall then one per category.
import Foundation

/// Columns carry DESIGN's key names; an interval becomes `<key>_low` and `<key>_high`. A
/// `scope` column says "overall", "category" or "human", so a category that happens to be named
/// "overall" cannot be mistaken for the total. "human" rows are the report's "which human"
/// figures, one per kind of human, named in the `category` column ("median annotator",
/// "majority of 3", "annotator ann"…), with `items`, `judgements`, `human_error` and its interval
/// (the two-way bootstrap's for "pooled judgements", Wilson's otherwise) filled in. Unknown values, and overall-only figures on
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
        return ([header.map(CSVCell.text), overallRow] + categoryRows + humanRows(report))
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

    /// One row per kind of human: (name, items, judgements, error, interval).
    private static func humanRows(_ report: Report) -> [[String]] {
        let humans = report.humans
        var rows: [(String, Int?, Int?, Double?, ConfidenceInterval?)] = [
            ("median annotator", nil, nil, humans.medianAnnotatorError, nil),
        ]
        if let best = humans.bestAnnotator {
            rows.append(("best annotator " + (best.name ?? "#\(best.annotator)"), nil, best.judgements, best.error, best.errorCI))
        }
        rows.append(("pooled judgements", report.overall.human.items, report.overall.human.judgements, humans.pooledError,
                     humans.pooledErrorBootstrapCI))
        rows += humans.majorityOfK.map { ("majority of \($0.k)", $0.items, nil, $0.error, nil) }
        if let dawidSkene = humans.dawidSkene { rows.append(("Dawid–Skene", dawidSkene.items, nil, dawidSkene.error, dawidSkene.errorCI)) }
        rows += report.annotators.filter { $0.testJudgements > 0 }.map {
            ("annotator " + ($0.name ?? "#\($0.annotatorID)"), nil, $0.testJudgements, $0.testError, $0.testErrorCI)
        }
        let blanks = header.count - 7
        return rows.map { row in
            ["human", row.0].map(CSVCell.text) + [CSVCell.number(row.1), CSVCell.number(row.2), CSVCell.number(row.3)]
                + intervalCells(row.4) + Array(repeating: "", count: blanks)
        }
    }

    private static func intervalCells(_ interval: ConfidenceInterval?) -> [String] {
        [CSVCell.number(interval?.low), CSVCell.number(interval?.high)]
    }
}
