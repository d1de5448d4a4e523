// Store+Studies: studies (a dataset plus a protocol) and who takes part in them: creating,
// listing, editing until the first test judgement freezes the protocol, and closing.
import Foundation
import GRDB

extension Store {
    public func createStudy(name: String, dataset: String?, title: String?, settings: DatasetSettings,
                            terms: StudyTerms = StudyTerms()) throws -> StudySummary {
        if let problem = settings.problem ?? terms.problem { throw StorageError.invalidSettings(reason: problem) }
        return try pool.write { db in
            let datasetID = try Self.resolveDataset(db, dataset)
            let datasetTitle = try String.fetchOne(db, sql: "SELECT title FROM dataset WHERE id = ?", arguments: [datasetID]) ?? name
            _ = try Self.insertStudy(db, datasetID: datasetID, name: name, title: title ?? datasetTitle, settings: settings, terms: terms)
            return try Self.studySummary(db, name: name)
        }
    }

    public func studies() throws -> [StudySummary] {
        try pool.read { db in
            try String.fetchAll(db, sql: "SELECT name FROM study ORDER BY name").map { try Self.studySummary(db, name: $0) }
        }
    }

    public func study(named name: String) throws -> StudySummary {
        try pool.read { db in try Self.studySummary(db, name: name) }
    }

    /// Changes the protocol, terms and title, refused once a test judgement froze them.
    public func editStudy(name: String, title: String?, settings change: (inout DatasetSettings) throws -> Void,
                          terms changeTerms: (inout StudyTerms) throws -> Void = { _ in }) throws -> StudySummary {
        try pool.write { db in
            let current = try Self.studySummary(db, name: name)
            if let frozenAt = current.frozenAt { throw StorageError.studyFrozen(name: name, since: frozenAt) }
            var settings = current.settings, terms = current.terms
            try change(&settings)
            try changeTerms(&terms)
            if let problem = settings.problem ?? terms.problem { throw StorageError.invalidSettings(reason: problem) }
            try db.execute(sql: """
                UPDATE study SET title = ?, judgements_per_item = ?, max_guesses = ?, exposure_ms = ?, practice_count = ?,
                  \(StudyTerms.columns.map { "\($0) = ?" }.joined(separator: ", "))
                WHERE name = ?
                """, arguments: StatementArguments([title ?? current.title, settings.judgementsPerItem, settings.maxGuesses,
                                                    settings.exposureMs, settings.practiceCount] + terms.values + [name]))
            return try Self.studySummary(db, name: name)
        }
    }

    /// Stops leasing: participants see the study as done. Its judgements stay.
    public func closeStudy(name: String) throws -> StudySummary {
        try pool.write { db in
            _ = try Self.studySummary(db, name: name)
            try db.execute(sql: "UPDATE study SET closed_at = coalesce(closed_at, ?) WHERE name = ?", arguments: [Timestamp.now(), name])
            return try Self.studySummary(db, name: name)
        }
    }

    /// The existing annotator takes part in `study` from now on; their link stays the same
    /// and their judgements in earlier studies stay with those studies.
    public func enrolAnnotator(name: String, study: String) throws -> Annotator {
        try pool.write { db in
            guard let id = try Int64.fetchOne(db, sql: "SELECT id FROM annotator WHERE name = ? AND role = 'annotator'", arguments: [name]) else {
                throw StorageError.unknownAnnotator(name: name)
            }
            try Self.enrol(db, annotatorID: id, studyID: try Self.resolveOpenStudy(db, name: study), now: Timestamp.now())
            return try Self.annotator(db, id: id)
        }
    }

    static func insertStudy(_ db: Database, datasetID: Int64, name: String, title: String, settings: DatasetSettings,
                            terms: StudyTerms = StudyTerms()) throws -> Int64 {
        guard (1...100).contains(name.count) else { throw StorageError.studyNameLength }
        // The admin routes name a study in the path.
        guard !name.contains("/") else { throw StorageError.nameWithSlash(name: name) }
        if try Bool.fetchOne(db, sql: "SELECT 1 FROM study WHERE name = ?", arguments: [name]) == true {
            throw StorageError.studyExists(name: name)
        }
        // 12 random bytes: the enrolment link is public to a crowd, but unguessable to others.
        let code = String(AccessToken.generate().prefix(24))
        try db.execute(sql: """
            INSERT INTO study (dataset_id, name, title, judgements_per_item, max_guesses, exposure_ms, practice_count, created_at,
                               enrolment_code, \(StudyTerms.columns.joined(separator: ", ")))
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, \(StudyTerms.columns.map { _ in "?" }.joined(separator: ", ")))
            """, arguments: StatementArguments([datasetID, name, title, settings.judgementsPerItem, settings.maxGuesses,
                                                settings.exposureMs, settings.practiceCount, Timestamp.now(), code] + terms.values))
        let studyID = db.lastInsertedRowID
        try giveHandles(db, studyID: studyID)
        return studyID
    }

    /// Gives every shown item of the study's dataset (test, practice, example, catch) a random
    /// handle in the study, if it has none yet (an import adds its items after its study).
    static func giveHandles(_ db: Database, studyID: Int64) throws {
        try db.execute(sql: """
            INSERT INTO item_handle (study_id, item_id, handle)
            SELECT study.id, item.id, lower(hex(randomblob(12))) FROM study JOIN item ON item.dataset_id = study.dataset_id
            WHERE study.id = ? AND item.split IN ('test', 'practice', 'example', 'catch')
              AND NOT EXISTS (SELECT 1 FROM item_handle WHERE item_handle.study_id = study.id AND item_handle.item_id = item.id)
            """, arguments: [studyID])
    }

    /// The annotator takes part in the study from now on (again, if they had before).
    static func enrol(_ db: Database, annotatorID: Int64, studyID: Int64, now: String) throws {
        // Re-enrolling moves the participation to the end, which makes it the current one.
        try db.execute(sql: "DELETE FROM participant WHERE study_id = ? AND annotator_id = ?", arguments: [studyID, annotatorID])
        try db.execute(sql: "INSERT INTO participant (study_id, annotator_id, enrolled_at) VALUES (?, ?, ?)",
                       arguments: [studyID, annotatorID, now])
    }

    /// The open study of this name.
    static func resolveOpenStudy(_ db: Database, name: String) throws -> Int64 {
        guard let row = try Row.fetchOne(db, sql: "SELECT id, closed_at FROM study WHERE name = ?", arguments: [name]) else {
            throw StorageError.unknownStudy(name: name, known: try String.fetchAll(db, sql: "SELECT name FROM study ORDER BY name"))
        }
        guard (row["closed_at"] as String?) == nil else { throw StorageError.studyClosed(name: name) }
        return row["id"]
    }

    /// The dataset's oldest open study (the one its import made, unless that was closed).
    static func firstOpenStudy(_ db: Database, dataset: String?) throws -> Int64 {
        let datasetID = try resolveDataset(db, dataset)
        guard let id = try Int64.fetchOne(db, sql: """
            SELECT id FROM study WHERE dataset_id = ? AND closed_at IS NULL ORDER BY id LIMIT 1
            """, arguments: [datasetID]) else {
            throw StorageError.noOpenStudy(dataset: try datasetName(db, id: datasetID))
        }
        return id
    }

    static func studySummary(_ db: Database, name: String) throws -> StudySummary {
        guard let row = try Row.fetchOne(db, sql: """
            SELECT study.*, dataset.name AS dataset_name,
                   (SELECT count(*) FROM participant WHERE participant.study_id = study.id) AS participants,
                   (SELECT count(*) FROM live_judgement WHERE live_judgement.study_id = study.id AND phase = 'test') AS test_judgements
            FROM study JOIN dataset ON dataset.id = study.dataset_id WHERE study.name = ?
            """, arguments: [name]) else {
            throw StorageError.unknownStudy(name: name, known: try String.fetchAll(db, sql: "SELECT name FROM study ORDER BY name"))
        }
        return StudySummary(name: row["name"], dataset: row["dataset_name"], title: row["title"], settings: DatasetSettings(row: row),
                            terms: StudyTerms(row: row), enrolmentCode: row["enrolment_code"],
                            createdAt: row["created_at"], frozenAt: row["frozen_at"], closedAt: row["closed_at"],
                            participants: row["participants"], previews: row["previews"], testJudgements: row["test_judgements"])
    }
}
