// TrialExport: one row per trial, joined with the item's truth and every model's top-k, as CSV or JSONL.
import Analysis
import Foundation
import Storage

public struct TrialExport: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    /// Categories appear by name. Superseded trials are included and flagged, for audit.
    public func render(dataset: String?, study: String? = nil, format: ExportFormat) throws -> Data {
        let records = try store.studyRecords(dataset: dataset, study: study, models: nil)
        let rows = TrialRows(records: records)
        switch format {
        case .csv: return Data(rows.csv().utf8)
        case .jsonl: return try rows.jsonLines()
        }
    }
}
