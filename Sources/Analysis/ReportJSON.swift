// ReportJSON: renders a Report as pretty JSON with sorted keys, so diffs between reports stay small.
import Foundation

public enum ReportJSON {
    public static func data(for report: Report) throws -> Data {
        try encoder().encode(report)
    }

    /// The report's `overall` and `coverage` alone, as they appear in the whole report: what
    /// the admin page's Precision box reads. The HTML report carries it, so the page gets the
    /// box's figures from the report it shows instead of computing the report a second time.
    public static func summaryData(for report: Report) throws -> Data {
        try encoder().encode(Summary(overall: report.overall, coverage: report.coverage))
    }

    private struct Summary: Encodable {
        let overall: OverallFigures
        let coverage: Coverage
    }

    private static func encoder() -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // No non-finite strategy on purpose: statistics return nil, never NaN, and a NaN that
        // slipped through should fail loudly rather than print as a made-up number.
        return encoder
    }

    public static func string(for report: Report) throws -> String {
        String(decoding: try data(for: report), as: UTF8.self)
    }
}
