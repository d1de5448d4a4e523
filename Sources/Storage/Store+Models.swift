// Store+Models: classifiers' predictions stored beside a dataset.
import GRDB

extension Store {
    public func predictionTargets(dataset: String?) throws -> PredictionTargets {
        try pool.read { db in
            let datasetID = try Self.resolveDataset(db, dataset)
            let name = try Self.datasetName(db, id: datasetID)
            let categories = try Self.categoryNames(db, datasetID: datasetID)
            var items: [String: (id: Int64, trueCategory: Int)] = [:]
            let rows = try Row.fetchCursor(db, sql: """
                SELECT source, id, category_idx FROM item WHERE dataset_id = ? AND split IN ('test', 'practice')
                """, arguments: [datasetID])
            while let row = try rows.next() { items[row[0]] = (row[1], row[2]) }
            return PredictionTargets(dataset: name, categories: categories, items: items)
        }
    }

    /// Stores one model's predictions in one transaction. An existing model of the same name is
    /// refused unless `replace`, which swaps it whole.
    public func saveModel(dataset: String, name: String, source: String, card: String,
                          predictions: [Int64: [RankedCategory]], replace: Bool) throws {
        try pool.write { db in
            let datasetID = try Self.resolveDataset(db, dataset)
            if let existing = try Int64.fetchOne(db, sql: "SELECT id FROM model WHERE dataset_id = ? AND name = ?",
                                                 arguments: [datasetID, name]) {
                guard replace else {
                    throw StorageError.modelExists(dataset: dataset, model: name)
                }
                try db.execute(sql: "DELETE FROM model WHERE id = ?", arguments: [existing])
            }
            try db.execute(sql: "INSERT INTO model (dataset_id, name, source, card, created_at) VALUES (?, ?, ?, ?, ?)",
                           arguments: [datasetID, name, source, card, Timestamp.now()])
            let modelID = db.lastInsertedRowID
            let insert = try db.makeStatement(sql: "INSERT INTO prediction (model_id, item_id, rank, category_idx, score) VALUES (?, ?, ?, ?, ?)")
            for (itemID, ranking) in predictions {
                for (rank, entry) in ranking.enumerated() {
                    try insert.execute(arguments: [modelID, itemID, rank, entry.category, entry.score])
                }
            }
        }
    }
}
