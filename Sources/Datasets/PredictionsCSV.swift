// PredictionsCSV: reads one model's ranked predictions from CSV (PredictionsExport writes them).
//
// Layout: `item,true_label,label1,score1,label2,score2,…`. `item` is the item's source (its
// record index or relative path), labels are category names, best first. On import
// `true_label` and every `score` column are optional, and a row may stop early (empty
// cells); when `true_label` is present it must match the store, which catches a file
// whose items are misaligned. Export writes the full layout, so a file round-trips: a name
// the export marked with a leading `'` (one that starts like a spreadsheet formula) reads as
// the name itself.
import Foundation
import Storage

public enum PredictionsCSV {
    public static func read(_ url: URL, targets: PredictionTargets) throws -> [Int64: [RankedCategory]] {
        let file = url.path
        let table = try CSVTable.parse(try ImportError.readText(url, kind: "predictions file"), file: file)
        guard let header = table.rows.first else { throw ImportError(file: file, reason: "empty predictions file") }
        let columns = header.fields.map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        guard columns.first == "item" else {
            throw ImportError.line(header.line, in: file, "the first column must be 'item', not '\(header.fields.first ?? "")'")
        }
        let truthColumn = columns.firstIndex(of: "true_label")
        let labelColumns = columns.indices.filter { columns[$0].hasPrefix("label") }
        guard !labelColumns.isEmpty else { throw ImportError.line(header.line, in: file, "no label column (label1, label2, …)") }
        // A score belongs to the label column right before it.
        let scoreColumn = Dictionary(uniqueKeysWithValues: labelColumns.compactMap { column in
            columns.indices.contains(column + 1) && columns[column + 1].hasPrefix("score") ? (column, column + 1) : nil
        })
        let categoryIndex = Dictionary(uniqueKeysWithValues: targets.categories.enumerated().map { ($1, $0) })

        var predictions: [Int64: [RankedCategory]] = [:]
        for row in table.rows.dropFirst() {
            func fail(_ reason: String) -> ImportError { ImportError.line(row.line, in: file, reason) }
            guard row.fields.count == columns.count else {
                throw fail("\(row.fields.count) fields, the header has \(columns.count)")
            }
            let source = row.fields[0]
            guard let item = ExportedName.lookUp(source, in: targets.items) else { throw fail("no test or practice item '\(source)' in dataset '\(targets.dataset)'") }
            guard predictions[item.id] == nil else { throw fail("item '\(source)' appears twice") }
            if let truthColumn, !row.fields[truthColumn].isEmpty,
               ExportedName.lookUp(row.fields[truthColumn], in: [targets.categories[item.trueCategory]: true]) == nil {
                throw fail("true_label '\(row.fields[truthColumn])' but item '\(source)' is '\(targets.categories[item.trueCategory])'")
            }
            var ranking: [RankedCategory] = []
            for column in labelColumns {
                let label = row.fields[column]
                if label.isEmpty { break }
                guard let category = ExportedName.lookUp(label, in: categoryIndex) else {
                    throw fail("'\(label)' is not a category of '\(targets.dataset)'")
                }
                guard !ranking.contains(where: { $0.category == category }) else { throw fail("'\(label)' is ranked twice") }
                var score: Double?
                if let scoreColumn = scoreColumn[column], !row.fields[scoreColumn].isEmpty {
                    guard let value = Double(row.fields[scoreColumn]), value.isFinite else {
                        throw fail("score '\(row.fields[scoreColumn])' is not a number")
                    }
                    score = value
                }
                ranking.append(RankedCategory(category: category, score: score))
            }
            guard !ranking.isEmpty else { throw fail("no label for item '\(source)'") }
            predictions[item.id] = ranking
        }
        guard !predictions.isEmpty else { throw ImportError(file: file, reason: "no predictions in the file") }
        return predictions
    }
}
