// JudgementRecorder: stores and undoes judgements inside a WriteBatcher job, enforcing
// the protocol: a lease held, one live judgement per annotator and item, guesses that
// are distinct categories within max_guesses, and idempotent replays by client uuid.
import Foundation
import GRDB

enum JudgementRecorder {
    static func record(_ db: Database, _ submission: JudgementSubmission, by annotator: Annotator, now: Date) throws -> JudgementReceipt {
        guard UUID(uuidString: submission.uuid) != nil else { throw JudgementRefusal.malformed("uuid must be a UUID") }
        if let existing = try Row.fetchOne(db.cachedStatement(sql: "SELECT annotator_id FROM judgement WHERE uuid = ?"), arguments: [submission.uuid]) {
            let owner: Int64 = existing["annotator_id"]
            guard owner == annotator.id else { throw JudgementRefusal.uuidTaken(submission.uuid) }
            return try receipt(db, uuid: submission.uuid)
        }
        guard let datasetID = annotator.datasetID,
              let item = try Row.fetchOne(db.cachedStatement(sql: """
                SELECT item.split, dataset.max_guesses, dataset.judgements_per_item,
                       (SELECT count(*) FROM category WHERE category.dataset_id = dataset.id) AS categories
                FROM item JOIN dataset ON dataset.id = item.dataset_id
                WHERE item.id = ? AND item.dataset_id = ? AND item.split IN ('test', 'practice')
                """), arguments: [submission.itemID, datasetID]) else {
            throw JudgementRefusal.unknownItem(submission.itemID)
        }
        try checkGuesses(submission, maxGuesses: item["max_guesses"], categories: item["categories"])
        if try Bool.fetchOne(db.cachedStatement(sql: """
            SELECT 1 FROM live_judgement WHERE annotator_id = ? AND item_id = ?
            """), arguments: [annotator.id, submission.itemID]) == true {
            throw JudgementRefusal.alreadyJudged(submission.itemID)
        }
        guard let lease = try String.fetchOne(db.cachedStatement(sql: """
            SELECT expires_at FROM assignment WHERE annotator_id = ? AND item_id = ?
            """), arguments: [annotator.id, submission.itemID]) else {
            throw JudgementRefusal.notLeased(submission.itemID)
        }
        let nowText = Timestamp.string(from: now)
        let split: String = item["split"]
        if lease <= nowText && split == "test" {
            // A late answer still counts unless others have filled the item meanwhile.
            let live = try Int.fetchOne(db.cachedStatement(sql: "SELECT live_judgements FROM item WHERE id = ?"),
                                        arguments: [submission.itemID]) ?? 0
            if live >= item["judgements_per_item"] as Int { throw JudgementRefusal.notLeased(submission.itemID) }
        }
        try db.cachedStatement(sql: """
            INSERT INTO judgement (uuid, annotator_id, item_id, guesses, abstained, response_ms, shown_at, submitted_at, phase)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
            """).execute(arguments: [submission.uuid, annotator.id, submission.itemID,
                             try JSONText.encode(submission.abstained ? [] : submission.guesses),
                             submission.abstained, submission.responseMs, submission.shownAt, nowText, split])
        try db.cachedStatement(sql: "DELETE FROM assignment WHERE annotator_id = ? AND item_id = ?").execute(arguments: [annotator.id, submission.itemID])
        return try receipt(db, uuid: submission.uuid)
    }

    static func checkGuesses(_ submission: JudgementSubmission, maxGuesses: Int, categories: Int) throws {
        if let responseMs = submission.responseMs, responseMs < 0 {
            throw JudgementRefusal.malformed("response_ms must not be negative")
        }
        if submission.abstained {
            guard submission.guesses.isEmpty else { throw JudgementRefusal.invalidGuesses("an abstention carries no guesses") }
            return
        }
        guard (1...maxGuesses).contains(submission.guesses.count) else {
            throw JudgementRefusal.invalidGuesses("give 1 to \(maxGuesses) guesses (got \(submission.guesses.count))")
        }
        for guess in submission.guesses where !(0..<categories).contains(guess) {
            throw JudgementRefusal.invalidGuesses("\(guess) is not a category (0–\(categories - 1))")
        }
        guard Set(submission.guesses).count == submission.guesses.count else {
            throw JudgementRefusal.invalidGuesses("guesses must be distinct")
        }
    }

    static func receipt(_ db: Database, uuid: String) throws -> JudgementReceipt {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT judgement.uuid, judgement.item_id, judgement.phase, judgement.submitted_at, judgement.guesses,
                   judgement.abstained, item.category_idx
            FROM judgement JOIN item ON item.id = judgement.item_id WHERE judgement.uuid = ?
            """), arguments: [uuid]) else { throw JudgementRefusal.notFound(uuid) }
        let phase: String = row["phase"]
        let practice = phase == "practice"
        let guesses = try JSONText.decode([Int].self, from: row["guesses"])
        let truth: Int = row["category_idx"]
        return JudgementReceipt(uuid: row["uuid"], itemID: row["item_id"], phase: phase, submittedAt: row["submitted_at"],
                                correct: practice ? guesses.first == truth : nil, trueCategory: practice ? truth : nil)
    }

    /// Marks the annotator's latest live judgement superseded (it stays for audit) and
    /// leases its item back to them.
    static func undo(_ db: Database, uuid: String, by annotator: Annotator, now: Date, windowSeconds: Int, leaseSeconds: Int) throws -> JudgementReceipt {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT id, item_id, submitted_at, superseded_at FROM judgement WHERE uuid = ? AND annotator_id = ?
            """), arguments: [uuid, annotator.id]) else { throw JudgementRefusal.notFound(uuid) }
        let id: Int64 = row["id"]
        if (row["superseded_at"] as String?) != nil { return try receipt(db, uuid: uuid) }
        let latest = try Int64.fetchOne(db.cachedStatement(sql: """
            SELECT max(id) FROM live_judgement WHERE annotator_id = ?
            """), arguments: [annotator.id])
        guard latest == id else { throw JudgementRefusal.notUndoable("only your latest judgement can be undone") }
        let cutoff = Timestamp.string(from: now.addingTimeInterval(-TimeInterval(windowSeconds)))
        guard (row["submitted_at"] as String) >= cutoff else {
            throw JudgementRefusal.notUndoable("the undo window of \(windowSeconds) s has passed")
        }
        let nowText = Timestamp.string(from: now)
        try db.cachedStatement(sql: "UPDATE judgement SET superseded_at = ? WHERE id = ?").execute(arguments: [nowText, id])
        try db.cachedStatement(sql: """
            INSERT INTO assignment (annotator_id, item_id, leased_at, expires_at) VALUES (?, ?, ?, ?)
            ON CONFLICT (annotator_id, item_id) DO UPDATE SET leased_at = excluded.leased_at, expires_at = excluded.expires_at
            """).execute(arguments: [annotator.id, row["item_id"] as Int64, nowText,
                             Timestamp.string(from: now.addingTimeInterval(TimeInterval(leaseSeconds)))])
        return try receipt(db, uuid: uuid)
    }
}
