// StudyReporter: the one way a report leaves RefHuman, for the CLI and the admin API alike.
import Analysis
import Foundation
import Storage

public struct StudyReporter: Sendable {
    let store: Store
    /// The software that computes the report, as its provenance names it.
    let software: String

    public init(store: Store, software: String) {
        self.store = store
        self.software = software
    }

    /// `study` nil: the only study of `dataset` (nil: the only dataset). `models` nil: every model stored for it, oldest first.
    public func render(dataset: String?, study: String? = nil, models: [String]?, format: ReportFormat, now: Date = Date()) throws -> Data {
        let inputs = ReportInputs(records: try store.studyRecords(dataset: dataset, study: study, models: models), software: software)
        let report = inputs.builder.makeReport(generatedAt: now)
        switch format {
        case .json:
            return try ReportJSON.data(for: report)
        case .csv:
            return Data(ReportCSV.string(for: report).utf8)
        case .html:
            let design = inputs.design(annotators: report.annotators.count)
            return Data(try ReportHTML.document(for: report, design: design, thumbnails: try thumbnails(for: report, inputs.records)).utf8)
        }
    }

    /// Data URIs for the gallery items, so the HTML file needs nothing beside it.
    private func thumbnails(for report: Report, _ records: StudyRecords) throws -> [Int64: String] {
        let galleries = report.galleries
        let shown = Set((galleries.allHumansWrong.items + galleries.modelRightHumansWrong.items
                        + galleries.humansRightModelWrong.items).map(\.itemID))
        let hashes = Dictionary(uniqueKeysWithValues: records.items.filter { shown.contains($0.id) }.map { ($0.id, $0.imageSHA256) })
        let images = try store.imageBytes(sha256s: Array(hashes.values))
        return hashes.compactMapValues { sha256 in
            images[sha256].map { "data:image/\($0.format);base64," + $0.bytes.base64EncodedString() }
        }
    }
}
