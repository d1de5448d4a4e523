// ExportFormat: the file formats the per-trial export comes in.
public enum ExportFormat: String, Sendable, CaseIterable {
    case csv, jsonl

    public var contentType: String {
        switch self {
        case .csv: "text/csv; charset=utf-8"
        case .jsonl: "application/x-ndjson"
        }
    }
}
