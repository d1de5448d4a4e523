// Store+ImportedJudgements: judgements collected outside RefHuman, stored as the desk stores its own.
import Foundation
import GRDB
import StudyPhase

extension Store {
    /// The same insert, protocol freeze and participant marks as a collected judgement.
    /// Reads the study's targets, hands them to `read` (which checks a file against them and
    /// refuses it whole), and stores what it returns, all in one write transaction: nothing
    /// can change between the check and the insert, and any refusal stores nothing.
    /// Annotators are found by name or created (with a token no one holds: they never sign
    /// in), and enrolled in the study unless they already take part in it.
    public func importJudgements(dataset: String?, study: String?,
                                 reading read: (JudgementTargets) throws -> [ImportedJudgement]) throws -> JudgementImportSummary {
        try pool.write { db in
            let studyID = try Self.resolveStudy(db, dataset: dataset, study: study)
            let rules = try StudyRules(db, studyID: studyID)
            let names = try Row.fetchOne(db, sql: """
                SELECT study.name, dataset.name FROM study JOIN dataset ON dataset.id = study.dataset_id WHERE study.id = ?
                """, arguments: [studyID])!
            // A closed study leases nothing more; adding to its sample after the fact is refused the same way.
            if rules.closed { throw StorageError.studyClosed(name: names[0]) }
            let targets = try Self.judgementTargets(db, studyID: studyID, rules: rules, study: names[0], dataset: names[1])
            let judgements = try read(targets)

            let now = Timestamp.now()
            var annotatorIDs: [String: Int64] = [:]
            var created = 0
            for judgement in judgements {
                let annotatorID: Int64
                if let known = annotatorIDs[judgement.annotator] {
                    annotatorID = known
                } else {
                    let (id, isNew) = try Self.importedAnnotator(db, name: judgement.annotator, studyID: studyID, now: now)
                    annotatorIDs[judgement.annotator] = id
                    annotatorID = id
                    if isNew { created += 1 }
                }
                let submission = JudgementSubmission(uuid: UUID().uuidString.lowercased(), item: "", guesses: judgement.guesses,
                                                     responseMs: judgement.responseMs)
                // The reader checked these already; the desk's own check stays the last word on what is stored.
                try JudgementRecorder.checkGuesses(submission, maxGuesses: rules.settings.maxGuesses, categories: rules.categories)
                try JudgementRecorder.insert(db, submission, itemID: judgement.itemID, annotatorID: annotatorID, studyID: studyID,
                                             guesses: judgement.guesses, submittedAt: now, phase: judgement.phase)
            }
            let phases = Set(judgements.map(\.phase))
            if phases.contains(.test) { try JudgementRecorder.freezeProtocol(db, studyID: studyID, now: now) }
            // Once per annotator and phase: the marks depend only on the counts the import ends with.
            for annotatorID in annotatorIDs.values {
                for phase in phases { try Self.markPath(db, annotatorID: annotatorID, rules: rules, phase: phase, now: now) }
            }
            let test = judgements.filter { $0.phase == .test }.count
            return JudgementImportSummary(dataset: names[1], study: names[0], judgements: judgements.count, testJudgements: test,
                                          practiceJudgements: judgements.count - test, annotators: annotatorIDs.count,
                                          newAnnotators: created, items: Set(judgements.map(\.itemID)).count)
        }
    }

    static func judgementTargets(_ db: Database, studyID: Int64, rules: StudyRules, study: String, dataset: String) throws -> JudgementTargets {
        var items: [String: (id: Int64, split: Split)] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT source, id, split FROM item WHERE dataset_id = ? AND split IN ('test', 'practice')
            """, arguments: [rules.datasetID])
        while let row = try rows.next() { items[row[0]] = (row[1], Split(rawValue: row[2]) ?? .test) }
        var judged: [String: Set<Int64>] = [:]
        let pairs = try Row.fetchCursor(db, sql: """
            SELECT annotator.name, live_judgement.item_id FROM live_judgement JOIN annotator ON annotator.id = live_judgement.annotator_id
            WHERE live_judgement.study_id = ?
            """, arguments: [studyID])
        while let pair = try pairs.next() { judged[pair[0], default: []].insert(pair[1]) }
        return JudgementTargets(dataset: dataset, study: study, categories: try categoryNames(db, datasetID: rules.datasetID),
                                maxGuesses: rules.settings.maxGuesses, items: items, judged: judged)
    }

    /// The annotator of this name, made if missing, and taking part in the study; whether they were made.
    private static func importedAnnotator(_ db: Database, name: String, studyID: Int64, now: String) throws -> (id: Int64, created: Bool) {
        if let problem = annotatorNameProblem(name) { throw problem }
        if let id = try Int64.fetchOne(db, sql: "SELECT id FROM annotator WHERE name = ? AND role = 'annotator'", arguments: [name]) {
            let takesPart = try Bool.fetchOne(db, sql: "SELECT 1 FROM participant WHERE study_id = ? AND annotator_id = ?",
                                              arguments: [studyID, id]) ?? false
            if !takesPart { try enrol(db, annotatorID: id, studyID: studyID, now: now) }
            return (id, false)
        }
        // The token is thrown away: outside annotators need no link (the admin page can reissue one).
        try db.execute(sql: "INSERT INTO annotator (name, role, token_hash, created_at) VALUES (?, 'annotator', ?, ?)",
                       arguments: [name, AccessToken.hash(AccessToken.generate()), now])
        let id = db.lastInsertedRowID
        try enrol(db, annotatorID: id, studyID: studyID, now: now)
        return (id, true)
    }
}
