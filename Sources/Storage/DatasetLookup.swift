// DatasetLookup: the few reads every dataset-scoped query starts from: which dataset is
// meant, its name, and its category names in index order.
import GRDB

extension Store {
    static func resolveDataset(_ db: Database, _ name: String?) throws -> Int64 {
        if let name {
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE name = ?", arguments: [name]) else {
                throw StorageError.unknownDataset(name: name)
            }
            return id
        }
        let ids = try Int64.fetchAll(db, sql: "SELECT id FROM dataset ORDER BY name LIMIT 2")
        guard ids.count == 1 else {
            throw ids.isEmpty ? StorageError.noDataset : StorageError.datasetNotChosen
        }
        return ids[0]
    }

    static func datasetName(_ db: Database, id: Int64) throws -> String {
        try String.fetchOne(db, sql: "SELECT name FROM dataset WHERE id = ?", arguments: [id]) ?? ""
    }

    static func categoryNames(_ db: Database, datasetID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM category WHERE dataset_id = ? ORDER BY idx", arguments: [datasetID])
    }
}
