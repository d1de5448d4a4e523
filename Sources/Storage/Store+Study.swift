// Store+Study: everything one study holds (its dataset's items and models, its own
// protocol and judgements), read at once for reports and exports.
import Foundation
import GRDB

extension Store {
    /// The study is `study`, else the only study of `dataset` (nil: the only dataset); a
    /// dataset with several studies needs the study named, since judgements collected
    /// under two protocols are not one sample. `models` nil means every stored model of
    /// the dataset; a named model that does not exist is refused.
    /// `judgements` false skips reading them, for callers that need only items and models.
    public func studyRecords(dataset: String?, study: String? = nil, models requested: [String]? = nil,
                             judgements withJudgements: Bool = true) throws -> StudyRecords {
        try pool.read { db in
            // Without judgements any study of the dataset serves: items and models are the dataset's.
            let studyID = try Self.resolveStudy(db, dataset: dataset, study: study, firstOfSeveral: !withJudgements)
            let datasetRow = try Row.fetchOne(db, sql: """
                SELECT study.dataset_id, study.name AS study_name, dataset.name, study.title, study.judgements_per_item,
                       study.max_guesses, study.exposure_ms, study.practice_count, study.frozen_at,
                       dataset.source AS dataset_source, dataset.license AS dataset_licence,
                       \(StudyTerms.columns.map { "study.\($0)" }.joined(separator: ", "))
                FROM study JOIN dataset ON dataset.id = study.dataset_id WHERE study.id = ?
                """, arguments: [studyID])!
            let datasetID: Int64 = datasetRow["dataset_id"]
            let categories = try Self.categoryNames(db, datasetID: datasetID)
            let items = try Row.fetchAll(db, sql: """
                SELECT item.id, item.category_idx, item.split, item.source, image.sha256
                FROM item JOIN image ON image.id = item.image_id
                WHERE item.dataset_id = ? AND item.split IN ('test', 'practice', 'example', 'catch') ORDER BY item.id
                """, arguments: [datasetID]).map { row in
                StudyItem(id: row[0], trueCategory: row[1], split: Split(rawValue: row[2]) ?? .test,
                          source: row[3], imageSHA256: row[4])
            }
            let judgements = !withJudgements ? [] : try Row.fetchAll(db, sql: """
                SELECT judgement.id, uuid, item_id, annotator_id, guesses, abstained, response_ms,
                       shown_at, submitted_at, phase, superseded_at IS NOT NULL,
                       hidden_count, hidden_ms, blur_count, blur_ms, fullscreen_exits, viewport_width,
                       viewport_height, device_pixel_ratio, image_width, image_height, measured_exposure_ms, browsing
                FROM judgement WHERE judgement.study_id = ? ORDER BY judgement.id
                """, arguments: [studyID]).map { row in
                JudgementRecord(id: row[0], uuid: row[1], itemID: row[2], annotatorID: row[3],
                                guesses: try Self.decodeGuesses(row[4]), abstained: row[5],
                                responseMilliseconds: row[6], shownAt: row[7], submittedAt: row[8],
                                phase: row[9], superseded: row[10], telemetry: TrialTelemetry(row: row, from: 11),
                                browsing: try (row[22] as String?).map { try JSONText.decode(TrialBrowsing.self, from: $0) })
            }
            let names = try Row.fetchAll(db, sql: """
                SELECT DISTINCT annotator.id, annotator.name FROM annotator
                JOIN judgement ON judgement.annotator_id = annotator.id WHERE judgement.study_id = ?
                """, arguments: [studyID])
            let stored = try String.fetchAll(db, sql: "SELECT name FROM model WHERE dataset_id = ? ORDER BY id",
                                             arguments: [datasetID])
            let wanted = requested ?? stored
            if let missing = wanted.first(where: { !stored.contains($0) }) {
                throw StorageError.unknownModel(dataset: datasetRow["name"], model: missing, stored: stored)
            }
            return StudyRecords(
                dataset: datasetRow["name"], study: datasetRow["study_name"], title: datasetRow["title"],
                settings: DatasetSettings(row: datasetRow), terms: StudyTerms(row: datasetRow), frozenAt: datasetRow["frozen_at"],
                datasetSource: datasetRow["dataset_source"], datasetLicence: datasetRow["dataset_licence"],
                categories: categories, items: items, judgements: judgements,
                annotatorNames: Dictionary(uniqueKeysWithValues: names.map { ($0[0], $0[1]) }),
                models: try wanted.map { try Self.modelRanking(db, datasetID: datasetID, name: $0) })
        }
    }

    /// `study` by name (checked against `dataset` when both are given), else the only
    /// study of the dataset.
    static func resolveStudy(_ db: Database, dataset: String?, study: String?, firstOfSeveral: Bool = false) throws -> Int64 {
        if let study {
            guard let row = try Row.fetchOne(db, sql: """
                SELECT study.id, dataset.name FROM study JOIN dataset ON dataset.id = study.dataset_id WHERE study.name = ?
                """, arguments: [study]) else {
                throw StorageError.unknownStudy(name: study, known: try String.fetchAll(db, sql: "SELECT name FROM study ORDER BY name"))
            }
            if let dataset, dataset != (row["name"] as String) {
                throw StorageError.studyOfOtherDataset(study: study, dataset: row["name"])
            }
            return row["id"]
        }
        let datasetID = try resolveDataset(db, dataset)
        let studies = try Row.fetchAll(db, sql: "SELECT id, name FROM study WHERE dataset_id = ? ORDER BY id", arguments: [datasetID])
        guard studies.count == 1 || (firstOfSeveral && !studies.isEmpty) else {
            throw StorageError.studyNotChosen(dataset: try datasetName(db, id: datasetID), studies: studies.map { $0["name"] as String }.sorted())
        }
        return studies[0]["id"]
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
