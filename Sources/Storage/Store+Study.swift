// Store+Study: everything one dataset's study holds, read at once for reports and exports.
import Foundation
import GRDB

extension Store {
    /// `dataset` nil means the only dataset; `models` nil means every stored model of the dataset.
    /// A named model that does not exist is refused.
    /// `judgements` false skips reading them, for callers that need only items and models.
    public func studyRecords(dataset: String?, models requested: [String]? = nil, judgements withJudgements: Bool = true) throws -> StudyRecords {
        try pool.read { db in
            let datasetID = try Self.resolveDataset(db, dataset)
            let datasetRow = try Row.fetchOne(db, sql: """
                SELECT name, title, \(Self.firstStudySettings) FROM dataset WHERE id = ?
                """, arguments: [datasetID])!
            let categories = try Self.categoryNames(db, datasetID: datasetID)
            let items = try Row.fetchAll(db, sql: """
                SELECT item.id, item.category_idx, item.split, item.source, image.sha256
                FROM item JOIN image ON image.id = item.image_id
                WHERE item.dataset_id = ? AND item.split IN ('test', 'practice') ORDER BY item.id
                """, arguments: [datasetID]).map { row in
                StudyItem(id: row[0], trueCategory: row[1], split: Split(rawValue: row[2]) ?? .test,
                          source: row[3], imageSHA256: row[4])
            }
            let judgements = !withJudgements ? [] : try Row.fetchAll(db, sql: """
                SELECT judgement.id, uuid, item_id, annotator_id, guesses, abstained, response_ms,
                       shown_at, submitted_at, phase, superseded_at IS NOT NULL,
                       hidden_count, hidden_ms, blur_count, blur_ms, fullscreen_exits, viewport_width,
                       viewport_height, device_pixel_ratio, image_width, image_height, measured_exposure_ms
                FROM judgement JOIN item ON item.id = judgement.item_id
                WHERE item.dataset_id = ? ORDER BY judgement.id
                """, arguments: [datasetID]).map { row in
                JudgementRecord(id: row[0], uuid: row[1], itemID: row[2], annotatorID: row[3],
                                guesses: try Self.decodeGuesses(row[4]), abstained: row[5],
                                responseMilliseconds: row[6], shownAt: row[7], submittedAt: row[8],
                                phase: row[9], superseded: row[10], telemetry: TrialTelemetry(row: row, from: 11))
            }
            let names = try Row.fetchAll(db, sql: """
                SELECT DISTINCT annotator.id, annotator.name FROM annotator
                JOIN judgement ON judgement.annotator_id = annotator.id
                JOIN item ON item.id = judgement.item_id WHERE item.dataset_id = ?
                """, arguments: [datasetID])
            let stored = try String.fetchAll(db, sql: "SELECT name FROM model WHERE dataset_id = ? ORDER BY id",
                                             arguments: [datasetID])
            let wanted = requested ?? stored
            if let missing = wanted.first(where: { !stored.contains($0) }) {
                throw StorageError.unknownModel(dataset: datasetRow["name"], model: missing, stored: stored)
            }
            return StudyRecords(
                dataset: datasetRow["name"], title: datasetRow["title"], settings: DatasetSettings(row: datasetRow),
                categories: categories, items: items, judgements: judgements,
                annotatorNames: Dictionary(uniqueKeysWithValues: names.map { ($0[0], $0[1]) }),
                models: try wanted.map { try Self.modelRanking(db, datasetID: datasetID, name: $0) })
        }
    }

    /// Image bytes by SHA-256, for thumbnails; unknown hashes are absent.
    public func imageBytes(sha256s: [String]) throws -> [String: (bytes: Data, format: String)] {
        try pool.read { db in
            var found: [String: (bytes: Data, format: String)] = [:]
            for sha256 in Set(sha256s) {
                if let row = try Row.fetchOne(db, sql: "SELECT bytes, format FROM image WHERE sha256 = ?", arguments: [sha256]) {
                    found[sha256] = (row["bytes"], row["format"])
                }
            }
            return found
        }
    }

    private static func modelRanking(_ db: Database, datasetID: Int64, name: String) throws -> ModelRanking {
        var predictions: [Int64: [RankedCategory]] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT prediction.item_id, prediction.category_idx, prediction.score
            FROM prediction JOIN model ON model.id = prediction.model_id
            WHERE model.dataset_id = ? AND model.name = ? ORDER BY prediction.item_id, prediction.rank
            """, arguments: [datasetID, name])
        while let row = try rows.next() {
            predictions[row[0], default: []].append(RankedCategory(category: row[1], score: row[2]))
        }
        return ModelRanking(name: name, predictions: predictions)
    }

    private static func decodeGuesses(_ text: String) throws -> [Int] {
        try JSONDecoder().decode([Int].self, from: Data(text.utf8))
    }
}
