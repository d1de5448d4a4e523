// ReportJSON: renders a Report as pretty JSON with sorted keys, so diffs between reports stay small.
import Foundation

public enum ReportJSON {
    public static func data(for report: Report) throws -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // No non-finite strategy on purpose: statistics return nil, never NaN, and a NaN that
        // slipped through should fail loudly rather than print as a made-up number.
        return try encoder.encode(report)
    }

    public static func string(for report: Report) throws -> String {
        String(decoding: try data(for: report), as: UTF8.self)
    }
}
