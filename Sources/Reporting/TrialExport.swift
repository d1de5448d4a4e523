// TrialExport: one row per trial, joined with the item's truth and every model's top-k, as CSV or JSONL.
import Analysis
import Foundation
import Storage

public struct TrialExport: Sendable {
    let store: Store
    /// Named in the export's provenance.
    let software: String

    public init(store: Store, software: String) {
        self.store = store
        self.software = software
    }

    /// Categories appear by name. Superseded trials are included and flagged, for audit.
    public func render(dataset: String?, study: String? = nil, format: ExportFormat) throws -> Data {
        let records = try store.studyRecords(dataset: dataset, study: study, models: nil)
        let rows = TrialRows(records: records)
        switch format {
        case .csv: return Data(rows.csv().utf8)
        case .jsonl: return try rows.jsonLines()
        }
    }

    /// The export's provenance as JSON: software, study, protocol, dataset source and licence.
    public func provenance(dataset: String?, study: String? = nil, now: Date = Date()) throws -> Data {
        let records = try store.studyRecords(dataset: dataset, study: study, models: nil)
        let made = ExportProvenance(provenance: ReportInputs(records: records, software: software).provenance,
                                    generatedAt: now.ISO8601Format(), dataset: records.dataset, trials: records.judgements.count)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted, .withoutEscapingSlashes]
        return try encoder.encode(made) + Data("\n".utf8)
    }
}
