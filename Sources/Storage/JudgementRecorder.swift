// JudgementRecorder: stores and undoes judgements inside a WriteBatcher job, enforcing
// the protocol: a lease held, one live judgement per annotator and item, guesses that
// are distinct categories within max_guesses, and idempotent replays by client uuid.
import Foundation
import GRDB
import StudyPhase

enum JudgementRecorder {
    /// Stores the judgement, or refuses it, or answers a replay with the stored receipt.
    /// `boards`: the writer's, whose board for the dataset (if loaded) is told of it.
    static func record(_ db: Database, _ transaction: WriteTransaction, _ submission: JudgementSubmission, by annotator: Annotator,
                       now: Date, boards: AssignmentBoards) throws -> JudgementReceipt {
        guard UUID(uuidString: submission.uuid) != nil else { throw JudgementRefusal.malformed("uuid must be a UUID") }
        if let owner = try Int64.fetchOne(db.cachedStatement(sql: "SELECT annotator_id FROM judgement WHERE uuid = ?"),
                                          arguments: [submission.uuid]) {
            guard owner == annotator.id else { throw JudgementRefusal.uuidTaken(submission.uuid) }
            return try receipt(db, uuid: submission.uuid)
        }
        // Read by position from the statement's own row (Row+First): every judgement reads it.
        guard let studyID = annotator.studyID, let facts = try Row.first(db.cachedStatement(sql: """
            SELECT item.id, item.split, item.category_idx,
                   (SELECT count(*) FROM live_judgement WHERE study_id = ?3 AND item_id = item.id) AS live_judgements,
                   EXISTS (SELECT 1 FROM live_judgement WHERE study_id = ?3 AND annotator_id = ?1 AND item_id = item.id) AS judged
            FROM item_handle JOIN item ON item.id = item_handle.item_id
            WHERE item_handle.handle = ?2 AND item_handle.study_id = ?3
            """), arguments: [annotator.id, submission.item, studyID], { row in
                (id: row[0] as Int64, split: row[1] as String, truth: row[2] as Int, liveJudgements: row[3] as Int, judged: row[4] as Bool)
            }) else {
            throw JudgementRefusal.unknownItem(submission.item)
        }
        let itemID = facts.id
        let rules = try boards.rules(db, transaction, studyID: studyID)
        try checkGuesses(submission, maxGuesses: rules.settings.maxGuesses, categories: rules.categories, answers: rules.answers)
        let book = try boards.leases(db, transaction)
        // Only a lease of this item as it is in this study: one kept from before its dataset was
        // imported again names another handle.
        let lease = book.lease(annotator: annotator.id, item: itemID).flatMap { $0.studyID == studyID && $0.handle == submission.item ? $0 : nil }
        // A catch trial's phase is its lease's; an example item is only ever leased as one,
        // and without a lease it is refused below.
        guard let phase = lease?.phase ?? Phase(rawValue: facts.split) else { throw JudgementRefusal.notLeased(submission.item) }
        let truth = facts.truth
        if facts.judged { throw JudgementRefusal.alreadyJudged(submission.item) }
        // After a crash the page may hold a lease the book never saw: its answer is a late one.
        guard lease != nil || book.leasesLost else { throw JudgementRefusal.notLeased(submission.item) }
        let nowText = Timestamp.string(from: now)
        let lapsed = lease.map { $0.expiresAt <= nowText } ?? true
        // A late answer still counts unless others have filled the item meanwhile.
        if lapsed && phase == .test && facts.liveJudgements >= rules.settings.judgementsPerItem {
            throw JudgementRefusal.notLeased(submission.item)
        }
        let guesses = submission.abstained ? [] : submission.guesses
        try insert(db, submission, itemID: itemID, annotatorID: annotator.id, studyID: studyID, guesses: guesses, submittedAt: nowText, phase: phase)
        // Only the first: the UPDATE would find nothing to change on every later one.
        if phase == .test && !rules.frozen {
            try freezeProtocol(db, studyID: studyID, now: nowText)
            boards.studyChanged(studyID)
        }
        try Store.markPath(db, annotatorID: annotator.id, rules: rules, phase: phase, now: nowText)
        // Last, once nothing more can fail: a refused job leaves the book and the board as they were.
        boards.loaded(transaction, studyID: studyID)?.judged(annotator: annotator.id, item: itemID, phase: phase)
        book.end(annotator: annotator.id, item: itemID, transaction)
        return receipt(uuid: submission.uuid, item: submission.item, phase: phase, submittedAt: nowText,
                       guesses: guesses, truth: truth)
    }

    /// The first test judgement freezes the protocol it was given under.
    static func freezeProtocol(_ db: Database, studyID: Int64, now: String) throws {
        try db.cachedStatement(sql: "UPDATE study SET frozen_at = ? WHERE id = ? AND frozen_at IS NULL").execute(arguments: [now, studyID])
    }

    /// The one INSERT of a judgement: the desk's and `import judgements`' alike.
    static func insert(_ db: Database, _ submission: JudgementSubmission, itemID: Int64, annotatorID: Int64, studyID: Int64,
                       guesses: [Int], submittedAt: String, phase: Phase) throws {
        let telemetry = submission.telemetry ?? TrialTelemetry()
        try db.cachedStatement(sql: """
            INSERT INTO judgement (uuid, annotator_id, item_id, guesses, abstained, response_ms, shown_at, submitted_at, phase, study_id,
                                   hidden_count, hidden_ms, blur_count, blur_ms, fullscreen_exits, viewport_width,
                                   viewport_height, device_pixel_ratio, image_width, image_height, measured_exposure_ms, browsing)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [submission.uuid, annotatorID, itemID, JSONText.integers(guesses),
                             submission.abstained, submission.responseMs, submission.shownAt, submittedAt, phase, studyID,
                             telemetry.hiddenCount, telemetry.hiddenMilliseconds, telemetry.blurCount,
                             telemetry.blurMilliseconds, telemetry.fullscreenExits, telemetry.viewportWidth,
                             telemetry.viewportHeight, telemetry.devicePixelRatio, telemetry.imageWidth,
                             telemetry.imageHeight, telemetry.measuredExposureMilliseconds,
                             try submission.browsing.map { try JSONText.encode($0) }])
    }

    /// `answers` is how many values a guess may take: the categories, then any tree nodes the
    /// study lets annotators answer with.
    static func checkGuesses(_ submission: JudgementSubmission, maxGuesses: Int, categories: Int, answers: Int? = nil) throws {
        let answers = answers ?? categories
        if let responseMs = submission.responseMs, responseMs < 0 {
            throw JudgementRefusal.malformed("response_ms must not be negative")
        }
        if let problem = submission.telemetry?.problem { throw JudgementRefusal.malformed(problem) }
        if let problem = submission.browsing?.problem(categories: categories) { throw JudgementRefusal.malformed(problem) }
        if submission.abstained {
            guard submission.guesses.isEmpty else { throw JudgementRefusal.invalidGuesses("an abstention carries no guesses") }
            return
        }
        guard (1...maxGuesses).contains(submission.guesses.count) else {
            throw JudgementRefusal.invalidGuesses("give 1 to \(maxGuesses) guesses (got \(submission.guesses.count))")
        }
        for guess in submission.guesses where !(0..<answers).contains(guess) {
            throw JudgementRefusal.invalidGuesses(answers > categories
                ? "\(guess) is neither a category (0–\(categories - 1)) nor a tree node (\(categories)–\(answers - 1))"
                : "\(guess) is not a category (0–\(categories - 1))")
        }
        guard Set(submission.guesses).count == submission.guesses.count else {
            throw JudgementRefusal.invalidGuesses("guesses must be distinct")
        }
    }

    static func receipt(_ db: Database, uuid: String) throws -> JudgementReceipt {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT judgement.uuid, item_handle.handle, judgement.phase, judgement.submitted_at, judgement.guesses,
                   judgement.abstained, item.category_idx
            FROM judgement JOIN item ON item.id = judgement.item_id
            JOIN item_handle ON item_handle.item_id = judgement.item_id AND item_handle.study_id = judgement.study_id
            WHERE judgement.uuid = ?
            """), arguments: [uuid]) else { throw JudgementRefusal.notFound(uuid) }
        return receipt(uuid: row["uuid"], item: row["handle"], phase: row["phase"], submittedAt: row["submitted_at"],
                       guesses: try JSONText.decode([Int].self, from: row["guesses"]), truth: row["category_idx"])
    }

    /// Practice answers get their feedback; test answers carry nothing about the truth.
    /// A practice answer is right when the truth is among its guesses (top-k scoring; with
    /// one guess allowed, the first guess).
    static func receipt(uuid: String, item: String, phase: Phase, submittedAt: String, guesses: [Int], truth: Int) -> JudgementReceipt {
        let practice = phase == .practice
        // A catch trial answers as any test trial does, so it cannot be told apart.
        return JudgementReceipt(uuid: uuid, item: item, phase: phase == .catch ? .test : phase, submittedAt: submittedAt,
                                correct: practice ? guesses.contains(truth) : nil, trueCategory: practice ? truth : nil)
    }

    /// Marks the annotator's latest live judgement superseded (it stays for audit) and
    /// leases its item back to them.
    static func undo(_ db: Database, _ transaction: WriteTransaction, uuid: String, by annotator: Annotator, now: Date,
                     windowSeconds: Int, leaseSeconds: Int, boards: AssignmentBoards) throws -> JudgementReceipt {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, item_id, submitted_at, superseded_at, phase, study_id FROM judgement WHERE uuid = ? AND annotator_id = ?
            """), arguments: [uuid, annotator.id]) else { throw JudgementRefusal.notFound(uuid) }
        let id: Int64 = row["id"]
        if (row["superseded_at"] as String?) != nil { return try receipt(db, uuid: uuid) }
        let latest = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT max(id) FROM live_judgement WHERE annotator_id = ?
            """), arguments: [annotator.id])
        guard latest == id else { throw JudgementRefusal.notUndoable("only your latest judgement can be undone") }
        // Its receipt carried the truth: undoing it would let the answer be changed after seeing it.
        guard (row["phase"] as String) != Phase.practice.rawValue else {
            throw JudgementRefusal.notUndoable("a practice answer cannot be undone once its feedback is shown")
        }
        let cutoff = Timestamp.string(from: now.addingTimeInterval(-TimeInterval(windowSeconds)))
        guard (row["submitted_at"] as String) >= cutoff else {
            throw JudgementRefusal.notUndoable("the undo window of \(windowSeconds) s has passed")
        }
        let nowText = Timestamp.string(from: now)
        let itemID: Int64 = row["item_id"]
        let expires = Timestamp.string(from: now.addingTimeInterval(TimeInterval(leaseSeconds)))
        try db.cachedStatement(sql: "UPDATE judgement SET superseded_at = ? WHERE id = ?").execute(arguments: [nowText, id])
        let studyID: Int64 = row["study_id"]
        let undone = try receipt(db, uuid: uuid)
        let book = try boards.leases(db, transaction)
        let board = boards.loaded(transaction, studyID: studyID)
        let phase: Phase = row["phase"]
        // The lease it is given back keeps any renewal limit it had reached.
        book.give(annotator: annotator.id, item: itemID,
                  LeaseBook.Lease(studyID: studyID, handle: undone.item, phase: phase, leasedAt: nowText,
                                  holdLimit: book.holdLimit(takenAt: now),
                                  expiresAt: expires, final: false), keepingFinal: true, transaction)
        board?.undone(annotator: annotator.id, item: itemID, phase: phase)
        board?.hold(annotator: annotator.id, item: itemID, until: expires)
        return undone
    }
}
