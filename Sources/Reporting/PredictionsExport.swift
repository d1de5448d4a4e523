// PredictionsExport: one stored model's predictions as CSV in the layout PredictionsCSV reads:
// `item,true_label,label1,score1,…`, one row per predicted item. Names that start like a
// spreadsheet formula get CSVCell's leading `'`, which PredictionsCSV reads past.
import Analysis
import Foundation
import Storage

public struct PredictionsExport: Sendable {
    let store: Store

    public init(store: Store) { self.store = store }

    public func render(dataset: String?, model: String) throws -> Data {
        let records = try store.studyRecords(dataset: dataset, models: [model], judgements: false)
        return Data(Self.csv(records, model: records.models[0]).utf8)
    }

    /// Rows in item order (sorted by id) for the records' first model.
    static func csv(_ records: StudyRecords, model: ModelRanking) -> String {
        let depth = model.predictions.values.map(\.count).max() ?? 1
        var header = ["item", "true_label"]
        for rank in 1...max(depth, 1) { header += ["label\(rank)", "score\(rank)"] }
        var lines = [header.map(CSVCell.text).joined(separator: ",")]
        for item in records.items.sorted(by: { $0.id < $1.id }) {
            guard let ranking = model.predictions[item.id] else { continue }
            var fields = [CSVCell.text(item.source), CSVCell.text(records.categories[item.trueCategory])]
            for rank in 0..<depth {
                if rank < ranking.count {
                    fields += [CSVCell.text(records.categories[ranking[rank].category]), CSVCell.number(ranking[rank].score)]
                } else {
                    fields += ["", ""]
                }
            }
            lines.append(fields.joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }
}
