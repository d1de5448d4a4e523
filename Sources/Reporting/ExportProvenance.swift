// ExportProvenance: what a per-trial export was made from and by, written beside it
// (`FILE.provenance.json`, or GET /api/admin/export/provenance), since CSV and JSONL rows have
// no place for it that every reader would skip.
import Analysis
import Foundation

struct ExportProvenance: Encodable {
    let provenance: Provenance
    /// ISO 8601, UTC.
    let generatedAt: String
    let dataset: String
    /// Trials in the export, superseded ones included.
    let trials: Int

    enum CodingKeys: String, CodingKey {
        case provenance, dataset, trials
        case generatedAt = "generated_at"
    }
}
