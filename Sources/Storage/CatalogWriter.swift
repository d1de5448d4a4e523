// CatalogWriter: adds one dataset's categories and items inside a single transaction,
// so an import either lands whole or leaves the database exactly as it was.
import Foundation
import GRDB

public final class CatalogWriter {
    let db: Database
    public let datasetID: Int64
    public let datasetName: String
    public private(set) var newImageCount = 0
    /// Images already resolved in this import: duplicates inside one dataset are common.
    private var imageIDs: [String: Int64] = [:]

    init(db: Database, datasetID: Int64, datasetName: String) {
        self.db = db
        self.datasetID = datasetID
        self.datasetName = datasetName
    }

    public func addItem(image: StoredImage, categoryIndex: Int, split: Split, source: String) throws {
        let imageID = try imageID(for: image)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO item (dataset_id, image_id, category_idx, split, source) VALUES (?, ?, ?, ?, ?)
            """)
        do {
            try insert.execute(arguments: [datasetID, imageID, categoryIndex, split.rawValue, source])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StorageError.duplicateSource(dataset: datasetName, source: source)
        }
    }

    private func imageID(for image: StoredImage) throws -> Int64 {
        if let known = imageIDs[image.sha256] { return known }
        // Insert first and look up only on conflict: most images in an import are new,
        // so this saves a query per image over select-then-insert.
        let insert = try db.cachedStatement(sql: """
            INSERT INTO image (sha256, bytes, width, height, format) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO NOTHING
            """)
        try insert.execute(arguments: [image.sha256, image.bytes, image.width, image.height, image.format])
        let id: Int64
        if db.changesCount == 1 {
            id = db.lastInsertedRowID
            newImageCount += 1
        } else {
            let find = try db.cachedStatement(sql: "SELECT id FROM image WHERE sha256 = ?")
            guard let existing = try Int64.fetchOne(find, arguments: [image.sha256]) else {
                // The conflict that got here was with this very row, inside this transaction.
                preconditionFailure("image \(image.sha256) conflicted but cannot be found")
            }
            id = existing
        }
        imageIDs[image.sha256] = id
        return id
    }
}

extension Store {
    /// Creates `description` and runs `body` to add its items, all in one transaction.
    /// With `replace`, an existing dataset of that name is swapped out, unless people
    /// have already judged it: those judgements would lose their items.
    public func importDataset<Result>(
        _ description: DatasetDescription, replace: Bool, _ body: (CatalogWriter) throws -> Result
    ) throws -> Result {
        try pool.write { db in
            let existing = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE name = ?", arguments: [description.name])
            var annotatorsToKeep: [Int64] = []
            if let existing {
                guard replace else { throw StorageError.datasetExists(name: description.name) }
                let judged = try Int.fetchOne(db, sql: """
                    SELECT count(*) FROM judgement JOIN item ON item.id = judgement.item_id WHERE item.dataset_id = ?
                    """, arguments: [existing]) ?? 0
                if judged > 0 { throw StorageError.datasetHasJudgements(name: description.name, count: judged) }
                annotatorsToKeep = try Int64.fetchAll(db, sql: "SELECT id FROM annotator WHERE dataset_id = ?", arguments: [existing])
                try db.execute(sql: "DELETE FROM assignment WHERE item_id IN (SELECT id FROM item WHERE dataset_id = ?)", arguments: [existing])
                try db.execute(sql: "DELETE FROM dataset WHERE id = ?", arguments: [existing])
            }
            let settings = description.settings
            try db.execute(sql: """
                INSERT INTO dataset (name, title, description, license, source,
                                     judgements_per_item, max_guesses, exposure_ms, practice_count, created_at)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """, arguments: [
                    description.name, description.title, description.description, description.license, description.source,
                    settings.judgementsPerItem, settings.maxGuesses, settings.exposureMs, settings.practiceCount, Timestamp.now(),
                ])
            let datasetID = db.lastInsertedRowID
            for (index, category) in description.categories.enumerated() {
                try db.execute(sql: """
                    INSERT INTO category (dataset_id, idx, name, description, synonyms, category_group) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [datasetID, index, category.name, category.description,
                                     try JSONText.encode(category.synonyms), category.group])
            }
            for annotator in annotatorsToKeep {
                try db.execute(sql: "UPDATE annotator SET dataset_id = ? WHERE id = ?", arguments: [datasetID, annotator])
            }
            let writer = CatalogWriter(db: db, datasetID: datasetID, datasetName: description.name)
            let result = try body(writer)
            if existing != nil {
                try db.execute(sql: "DELETE FROM image WHERE id NOT IN (SELECT image_id FROM item)")
            }
            return result
        }
    }
}
