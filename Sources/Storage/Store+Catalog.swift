// Store+Catalog: datasets as imported: the atomic import, the list of datasets, which
// dataset a name means, and labelled images for training.
import Foundation
import GRDB

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
                annotatorsToKeep = try Int64.fetchAll(db, sql: """
                    SELECT DISTINCT participant.annotator_id FROM participant JOIN study ON study.id = participant.study_id
                    WHERE study.dataset_id = ? ORDER BY participant.annotator_id
                    """, arguments: [existing])
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
            if let problem = description.hierarchyProblem { throw StorageError.invalidHierarchy(dataset: description.name, reason: problem) }
            for node in description.hierarchy {
                try db.execute(sql: """
                    INSERT INTO category_node (dataset_id, key, name, description, synonyms, parent_key) VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [datasetID, node.key, node.name, node.description, try JSONText.encode(node.synonyms), node.parent])
            }
            for (index, category) in description.categories.enumerated() {
                try db.execute(sql: """
                    INSERT INTO category (dataset_id, idx, name, description, synonyms, category_group, parent_key)
                    VALUES (?, ?, ?, ?, ?, ?, ?)
                    """, arguments: [datasetID, index, category.name, category.description,
                                     try JSONText.encode(category.synonyms), category.group, category.parent])
            }
            // The dataset's settings become its first study, named like it; people who took
            // part in the replaced dataset's studies take part in this one.
            let studyID = try Self.insertStudy(db, datasetID: datasetID, name: description.name, title: description.title,
                                               settings: settings)
            let now = Timestamp.now()
            for annotator in annotatorsToKeep { try Self.enrol(db, annotatorID: annotator, studyID: studyID, now: now) }
            let writer = CatalogWriter(db: db, datasetID: datasetID, datasetName: description.name)
            let result = try body(writer)
            try Self.giveHandles(db, studyID: studyID)
            if existing != nil {
                try db.execute(sql: "DELETE FROM image WHERE id NOT IN (SELECT image_id FROM item)")
            }
            return result
        }
    }

    static func resolveDataset(_ db: Database, _ name: String?) throws -> Int64 {
        if let name {
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM dataset WHERE name = ?", arguments: [name]) else {
                throw StorageError.unknownDataset(name: name, known: try String.fetchAll(db, sql: "SELECT name FROM dataset ORDER BY name"))
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

    /// The protocol columns of the dataset's first study (the one its import made), for a
    /// query over `dataset`; the dataset's own columns are what that study started with.
    static let firstStudySettings = ["judgements_per_item", "max_guesses", "exposure_ms", "practice_count"].map { column in
        "coalesce((SELECT \(column) FROM study WHERE study.dataset_id = dataset.id ORDER BY study.id LIMIT 1), dataset.\(column)) AS \(column)"
    }.joined(separator: ", ")

    static func categoryNames(_ db: Database, datasetID: Int64) throws -> [String] {
        try String.fetchAll(db, sql: "SELECT name FROM category WHERE dataset_id = ? ORDER BY idx", arguments: [datasetID])
    }

    public func datasetSummaries() throws -> [DatasetSummary] {
        try pool.read { db in
            let datasets = try Row.fetchAll(db, sql: """
                SELECT dataset.id, dataset.name, dataset.title, \(Self.firstStudySettings)
                FROM dataset ORDER BY dataset.name
                """)
            return try datasets.map { dataset in
                let id: Int64 = dataset["id"]
                let counts = try Row.fetchAll(db, sql: """
                    SELECT category.idx AS idx, category.name AS name, item.split AS split, count(item.id) AS n
                    FROM category LEFT JOIN item
                      ON item.dataset_id = category.dataset_id AND item.category_idx = category.idx
                    WHERE category.dataset_id = ?
                    GROUP BY category.idx, item.split ORDER BY category.idx
                    """, arguments: [id])
                var categories: [CategoryItemCount] = []
                var totals: [String: Int] = [:]
                var current: (index: Int, name: String, items: [String: Int])?
                for row in counts {
                    let index: Int = row["idx"]
                    if current?.index != index {
                        if let done = current { categories.append(CategoryItemCount(index: done.index, name: done.name, items: done.items)) }
                        current = (index, row["name"], [:])
                    }
                    if let split: String = row["split"] {
                        let n: Int = row["n"]
                        current?.items[split] = n
                        totals[split, default: 0] += n
                    }
                }
                if let done = current { categories.append(CategoryItemCount(index: done.index, name: done.name, items: done.items)) }
                return DatasetSummary(name: dataset["name"], title: dataset["title"], settings: DatasetSettings(row: dataset),
                                      items: totals, categories: categories)
            }
        }
    }

    /// The items of the given splits in id order, with their images; `dataset` nil means the only one.
    public func labelledImages(dataset: String?, splits: [Split]) throws -> (dataset: String, categories: [String], images: [LabelledImage]) {
        try pool.read { db in
            let datasetID = try Self.resolveDataset(db, dataset)
            let name = try Self.datasetName(db, id: datasetID)
            let categories = try Self.categoryNames(db, datasetID: datasetID)
            let placeholders = splits.map { _ in "?" }.joined(separator: ", ")
            var arguments: StatementArguments = [datasetID]
            for split in splits { arguments += [split.rawValue] }
            let images = try Row.fetchAll(db, sql: """
                SELECT item.id, item.source, item.category_idx, item.split, image.bytes FROM item JOIN image ON image.id = item.image_id
                WHERE item.dataset_id = ? AND item.split IN (\(placeholders)) ORDER BY item.id
                """, arguments: arguments).map { row in
                LabelledImage(itemID: row[0], source: row[1], trueCategory: row[2], split: Split(rawValue: row[3]) ?? .test, bytes: row[4])
            }
            return (name, categories, images)
        }
    }
}
