// StudyDesk: the annotation study as the server runs it: assignments, judgements,
// undo, status and progress. Reads go straight to the pool; every write goes through
// one WriteBatcher, so it is committed (synchronous=FULL) before the call returns.
import Foundation
import GRDB
import StudyPhase

public final class StudyDesk: Sendable {
    public let store: Store
    public let batcher: WriteBatcher
    public let leaseSeconds: Int
    public let undoWindowSeconds: Int
    /// The longest one lease can be renewed to, from when it was taken: a page that keeps
    /// asking keeps its items for a while, but no account can hold an item for ever.
    public let maxHoldSeconds: Int
    /// How long a browser stays signed in.
    public let sessionSeconds: Int
    /// What the assigner reads instead of scanning SQL, and the leases; used only inside batcher jobs.
    let boards: AssignmentBoards
    /// The time leases, judgements and undo windows are measured by; tests set it.
    public let clock: @Sendable () -> Date

    public init(store: Store, leaseSeconds: Int = 600, maxHoldSeconds: Int? = nil, undoWindowSeconds: Int = 120,
                sessionSeconds: Int = 30 * 24 * 3600, clock: @escaping @Sendable () -> Date = { Date() }) {
        self.store = store
        self.batcher = WriteBatcher(store: store)
        self.leaseSeconds = leaseSeconds
        self.maxHoldSeconds = maxHoldSeconds ?? 3 * leaseSeconds
        boards = AssignmentBoards(maxHoldSeconds: self.maxHoldSeconds)
        self.sessionSeconds = sessionSeconds
        self.undoWindowSeconds = undoWindowSeconds
        self.clock = clock
    }

    /// Commits what is pending and stops the writer; its last job saves the leases for the next start.
    public func shutdown() { batcher.shutdown { [boards] db in try boards.saveLeases(db) } }

    public func next(for annotator: Annotator, count: Int) async throws -> [Assignment] {
        try await batcher.perform { [self] db, transaction in
            try Assigner.next(db, transaction, annotator: annotator, count: count, now: clock(), leaseSeconds: leaseSeconds,
                              boards: boards)
        }
    }

    /// Signs a browser in as `annotator`; returns the new session's id for its cookie.
    public func openSession(for annotator: Annotator, userAgent: String? = nil) async throws -> String {
        try await batcher.perform { [self] db, _ in
            try Store.openSession(db, for: annotator, userAgent: userAgent, now: clock(), lifetimeSeconds: sessionSeconds)
        }
    }

    public func closeSession(id: String) async throws {
        try await batcher.perform { db, _ in try Store.closeSession(db, id: id) }
    }

    /// The account a session cookie names, by this desk's clock.
    public func annotator(sessionID: String) throws -> Annotator? {
        try store.annotator(sessionID: sessionID, now: clock())
    }

    public func record(_ submission: JudgementSubmission, by annotator: Annotator) async throws -> JudgementReceipt {
        try await batcher.perform { [self] db, transaction in
            try JudgementRecorder.record(db, transaction, submission, by: annotator, now: clock(), boards: boards)
        }
    }

    public func undo(uuid: String, by annotator: Annotator) async throws -> JudgementReceipt {
        try await batcher.perform { [self] db, transaction in
            try JudgementRecorder.undo(db, transaction, uuid: uuid, by: annotator, now: clock(), windowSeconds: undoWindowSeconds,
                                       leaseSeconds: leaseSeconds, boards: boards)
        }
    }

    public func status(of annotator: Annotator) throws -> AnnotatorStatus {
        try store.pool.read { db in
            guard let studyID = annotator.studyID else {
                return AnnotatorStatus(name: annotator.name, dataset: nil, phase: .done, practiceDone: 0, practiceTarget: 0,
                                       practiceCorrect: 0, testDone: 0, testRemaining: 0, settings: nil, allowCoarse: false,
                                       undoWindowSeconds: undoWindowSeconds, leaseSeconds: leaseSeconds, participation: nil)
            }
            let study = try StudyRules(db, studyID: studyID)
            let practiceDone = try Assigner.liveJudgementCount(db, annotatorID: annotator.id, studyID: studyID, phase: .practice)
            let practiceCorrect = try Store.correctCount(db, annotatorID: annotator.id, studyID: studyID, phase: .practice)
            let testDone = try Assigner.liveJudgementCount(db, annotatorID: annotator.id, studyID: studyID, phase: .test)
            let remaining = study.closed ? 0 : try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM item WHERE dataset_id = ?1 AND split = 'test'
                  AND NOT EXISTS (SELECT 1 FROM live_judgement AS judgement WHERE judgement.item_id = item.id
                                  AND judgement.annotator_id = ?2 AND judgement.study_id = ?3)
                  AND (SELECT count(*) FROM live_judgement AS judgement WHERE judgement.item_id = item.id
                       AND judgement.study_id = ?3) < ?4
                """), arguments: [study.datasetID, annotator.id, studyID, study.settings.judgementsPerItem]) ?? 0
            var phase: AnnotatorStatus.Stage = practiceDone < study.practiceTarget ? .practice : remaining > 0 ? .test : .done
            let participation = try Store.participantRow(db, annotatorID: annotator.id).map { row in
                Self.participation(row, status: Store.participantStatus(row, practiceDone: practiceDone, practiceTarget: study.practiceTarget,
                                                                        testDone: testDone, testRemaining: remaining), testDone: testDone)
            }
            // Only a participant at practice or test labels; the page shows their other steps.
            if let status = participation?.status, status != .practice && status != .test { phase = .done }
            return AnnotatorStatus(name: annotator.name, dataset: annotator.dataset, phase: phase,
                                   practiceDone: practiceDone, practiceTarget: study.practiceTarget,
                                   practiceCorrect: practiceCorrect, testDone: testDone, testRemaining: remaining,
                                   settings: study.settings, allowCoarse: study.allowCoarse, undoWindowSeconds: undoWindowSeconds, leaseSeconds: leaseSeconds,
                                   participation: participation)
        }
    }

    static func participation(_ row: Row, status: Participation.Status, testDone: Int) -> Participation {
        let terms = StudyTerms(row: row)
        let platform = (row["platform"] as String?).flatMap(PlatformIdentity.Platform.init(rawValue:))
        let outcome: (Participation.Finish.Outcome, String?)? = switch status {
        case .done: (.completed, terms.completionCode)
        case .declined: (.noConsent, terms.noConsentCode)
        case .screenedOut: (.screenedOut, terms.screenedOutCode)
        // Nothing to hand back: the platform has its own button for returning a study.
        case .returned: (.returned, nil)
        case .consenting, .practice, .test: nil
        }
        let finish = outcome.map {
            Participation.Finish(outcome: $0.0, configured: $0.1, platform: platform, assignment: row["platform_session"],
                                 submitTo: row["turk_submit_to"])
        }
        return Participation(study: row["study_name"], title: row["title"], instructions: terms.instructions,
                             consentText: terms.consentText, consentVersion: terms.consentVersion,
                             estimatedMinutes: terms.estimatedMinutes, pay: terms.pay, platform: platform, status: status,
                             quota: terms.quota, testDone: testDone, finish: finish)
    }

    /// Enrols (or resumes) the platform's participant in the study behind the link's
    /// code and signs their browser in; a preview stores nothing.
    public func enrol(code: String, identity: PlatformIdentity, userAgent: String?) async throws -> Enrolment {
        try await batcher.perform { [self] db, _ in
            let now = clock()
            let (intro, annotator, resumed) = try Store.enrol(db, code: code, identity: identity, now: now)
            guard let annotator else { return Enrolment(intro: intro, sessionID: nil, resumed: false) }
            let session = try Store.openSession(db, for: annotator, userAgent: userAgent, now: now, lifetimeSeconds: sessionSeconds)
            return Enrolment(intro: intro, sessionID: session, resumed: resumed)
        }
    }

    /// The origin an MTurk participant's finished assignment is posted to (their
    /// turkSubmitTo), which their page's policy must allow forms to reach; nil for others.
    public func formTargetOrigin(for annotator: Annotator) throws -> String? {
        try store.pool.read { db in
            guard let address = try Store.participantRow(db, annotatorID: annotator.id)?["turk_submit_to"] as String?,
                  let url = URL(string: address), let scheme = url.scheme, let host = url.host else { return nil }
            return "\(scheme)://\(host)" + (url.port.map { ":\($0)" } ?? "")
        }
    }

    /// The participant's answer to the consent text of `version`.
    public func consent(by annotator: Annotator, agree: Bool, version: String) async throws {
        try await batcher.perform { [self] db, _ in
            try Store.consent(db, annotatorID: annotator.id, agree: agree, version: version, now: clock())
        }
    }

    public func returnStudy(by annotator: Annotator) async throws {
        try await batcher.perform { [self] db, _ in
            try Store.returnStudy(db, annotatorID: annotator.id, now: clock())
        }
    }

    public func categories(for annotator: Annotator, examplesPerCategory: Int = 13) throws -> [CategoryCard] {
        guard let datasetID = annotator.datasetID, let studyID = annotator.studyID else { return [] }
        return try store.pool.read { db in
            let examples = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT item.category_idx, item_handle.handle FROM item
                JOIN item_handle ON item_handle.item_id = item.id AND item_handle.study_id = ?
                WHERE item.dataset_id = ? AND item.split = 'example' ORDER BY item.category_idx, item.id
                """), arguments: [studyID, datasetID])
            var byCategory: [Int: [String]] = [:]
            for row in examples {
                let index: Int = row["category_idx"]
                if byCategory[index, default: []].count < examplesPerCategory { byCategory[index, default: []].append(row["handle"]) }
            }
            let nodes = try Self.hierarchy(db, datasetID: datasetID)
            let parentOf = Dictionary(uniqueKeysWithValues: nodes.map { ($0.key, $0.parent) })
            func path(from parent: String?) -> [String] {
                var keys: [String] = []
                var step = parent
                while let key = step {
                    keys.append(key)
                    step = parentOf[key] ?? nil
                }
                return keys.reversed()
            }
            return try Row.fetchAll(db.cachedStatement(sql: """
                SELECT idx, name, description, synonyms, category_group, parent_key FROM category WHERE dataset_id = ? ORDER BY idx
                """), arguments: [datasetID]).map { row in
                let index: Int = row["idx"]
                return CategoryCard(index: index, name: row["name"], description: row["description"],
                                    synonyms: try JSONText.decode([String].self, from: row["synonyms"]),
                                    group: row["category_group"], path: path(from: row["parent_key"]), examples: byCategory[index] ?? [])
            }
        }
    }

    /// The inner nodes of the annotator's dataset's category tree, parents before children.
    public func hierarchy(for annotator: Annotator) throws -> [CategoryNode] {
        guard let datasetID = annotator.datasetID else { return [] }
        return try store.pool.read { db in try Self.hierarchy(db, datasetID: datasetID) }
    }

    static func hierarchy(_ db: Database, datasetID: Int64) throws -> [CategoryNode] {
        try Row.fetchAll(db.cachedStatement(sql: """
            SELECT key, name, description, synonyms, parent_key FROM category_node WHERE dataset_id = ? ORDER BY rowid
            """), arguments: [datasetID]).map { row in
            CategoryNode(key: row["key"], name: row["name"], description: row["description"],
                         synonyms: try JSONText.decode([String].self, from: row["synonyms"]), parent: row["parent_key"])
        }
    }

    /// A category's example images beyond the first ones: handles in the annotator's study,
    /// `limit` of them from `offset`, and how many the category has in all.
    public func examples(category: Int, offset: Int, limit: Int, for annotator: Annotator) throws -> (handles: [String], total: Int) {
        guard let datasetID = annotator.datasetID, let studyID = annotator.studyID else { return ([], 0) }
        return try store.pool.read { db in
            let total = try Int.fetchOne(db.cachedStatement(sql: """
                SELECT count(*) FROM item WHERE dataset_id = ? AND split = 'example' AND category_idx = ?
                """), arguments: [datasetID, category]) ?? 0
            let handles = try String.fetchAll(db.cachedStatement(sql: """
                SELECT item_handle.handle FROM item JOIN item_handle ON item_handle.item_id = item.id AND item_handle.study_id = ?
                WHERE item.dataset_id = ? AND item.split = 'example' AND item.category_idx = ? ORDER BY item.id LIMIT ? OFFSET ?
                """), arguments: [studyID, datasetID, category, limit, offset])
            return (handles, total)
        }
    }

    /// The image's bytes and format behind a handle of the annotator's study (handles name
    /// only the items annotators are shown: test, practice and example). An admin may
    /// open any study's handle.
    public func image(handle: String, for annotator: Annotator) throws -> (bytes: Data, format: String)? {
        // One statement reads a consistent snapshot by itself; every trial fetches an
        // image, so the BEGIN and COMMIT of GRDB's `read` are skipped as for sign-in.
        try store.requestRead { db in
            try Row.first(db.cachedStatement(sql: """
                SELECT image.bytes, image.format FROM item_handle
                JOIN item ON item.id = item_handle.item_id JOIN image ON image.id = item.image_id
                WHERE item_handle.handle = ?1 AND (?2 OR item_handle.study_id = ?3)
                """), arguments: [handle, annotator.role == .admin, annotator.studyID]) { ($0[0], $0[1]) }
        }
    }

    public func progress() throws -> StudyProgress {
        try store.pool.read { db in
            let studies = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT study.name, dataset.name AS dataset, study.judgements_per_item, study.frozen_at, study.closed_at,
                  (SELECT count(*) FROM item WHERE item.dataset_id = study.dataset_id AND item.split = 'test') AS test_items,
                  (SELECT count(*) FROM live_judgement AS judgement
                   WHERE judgement.study_id = study.id AND judgement.phase = 'test') AS judgements,
                  (SELECT count(*) FROM item WHERE item.dataset_id = study.dataset_id AND item.split = 'test'
                     AND (SELECT count(*) FROM live_judgement AS judgement WHERE judgement.study_id = study.id
                          AND judgement.item_id = item.id) >= study.judgements_per_item) AS complete
                FROM study JOIN dataset ON dataset.id = study.dataset_id ORDER BY study.name
                """)).map {
                StudyProgress.StudyLine(name: $0["name"], dataset: $0["dataset"], testItems: $0["test_items"],
                                        judgementsPerItem: $0["judgements_per_item"], testJudgements: $0["judgements"],
                                        completeItems: $0["complete"], frozenAt: $0["frozen_at"], closedAt: $0["closed_at"])
            }
            var answers: [Int64: [IntegrityFlag.Answer]] = [:]
            let rows = try Row.fetchCursor(db.cachedStatement(sql: """
                SELECT annotator_id, response_ms, json_extract(guesses, '$[0]'), hidden_ms FROM live_judgement
                WHERE phase = 'test' ORDER BY annotator_id, id
                """))
            while let row = try rows.next() {
                answers[row[0], default: []].append(IntegrityFlag.Answer(responseMilliseconds: row[1], firstGuess: row[2],
                                                                          hiddenMilliseconds: row[3]))
            }
            let annotators = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT annotator.id, annotator.name, study.name AS study, dataset.name AS dataset, annotator.disabled_at,
                  annotator.user_agent,
                  (SELECT count(*) FROM live_judgement WHERE annotator_id = annotator.id AND study_id = study.id
                   AND phase = 'practice') AS practice,
                  (SELECT count(*) FROM live_judgement WHERE annotator_id = annotator.id AND study_id = study.id
                   AND phase = 'test') AS test,
                  (SELECT max(submitted_at) FROM judgement WHERE annotator_id = annotator.id) AS last
                FROM annotator
                LEFT JOIN participant ON participant.id = (SELECT max(id) FROM participant WHERE participant.annotator_id = annotator.id)
                LEFT JOIN study ON study.id = participant.study_id
                LEFT JOIN dataset ON dataset.id = study.dataset_id
                WHERE annotator.role = 'annotator' ORDER BY annotator.name
                """)).map {
                StudyProgress.AnnotatorProgress(name: $0["name"], study: $0["study"], dataset: $0["dataset"], practiceDone: $0["practice"],
                                                testDone: $0["test"], lastSubmittedAt: $0["last"],
                                                disabled: ($0["disabled_at"] as String?) != nil,
                                                flags: IntegrityFlag.flags(for: answers[$0["id"]] ?? []), userAgent: $0["user_agent"])
            }
            return StudyProgress(studies: studies, annotators: annotators)
        }
    }
}
