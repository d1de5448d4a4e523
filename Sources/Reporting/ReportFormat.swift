// ReportFormat: the file formats a report comes in, with what HTTP and the shell need to know.

public enum ReportFormat: String, Sendable, CaseIterable {
    case json, csv, html

    public var contentType: String {
        switch self {
        case .json: "application/json"
        case .csv: "text/csv; charset=utf-8"
        case .html: "text/html; charset=utf-8"
        }
    }
}
