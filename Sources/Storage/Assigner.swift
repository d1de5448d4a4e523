// Assigner: which items an annotator gets next. Practice items first; then the test
// items furthest from `judgements_per_item` (live judgements plus others' active
// leases), never one this annotator has judged; ties broken by a per-annotator seeded
// order, so a session can be replayed exactly. Leases keep concurrent annotators from
// over-labelling an item. The test-item choice is made on the writer's in-memory
// AssignmentBoard; practice items are few and read from SQL.
import Foundation
import GRDB
import SeededRandom
import StudyPhase

enum Assigner {
    /// Up to `count` leased assignments: the annotator's live leases first, then new ones.
    static func next(_ db: Database, _ transaction: WriteTransaction, annotator: Annotator, count: Int, now: Date,
                     leaseSeconds: Int, maxHoldSeconds: Int, boards: AssignmentBoards) throws -> [Assignment] {
        guard let studyID = annotator.studyID else { return [] }
        let study = try boards.rules(db, transaction, studyID: studyID)
        guard !study.closed else { return [] }
        // Nothing for a participant who has not consented, declined, was screened out or finished.
        var testAllowance = Int.max
        if let participant = try Store.participantPath(db, annotatorID: annotator.id) {
            if participant.heldStep != nil { return [] }
            if let quota = participant.quota {
                testAllowance = max(0, quota - (try liveJudgementCount(db, annotatorID: annotator.id, studyID: studyID, phase: .test)))
            }
        }
        let nowText = Timestamp.string(from: now)
        let expires = Timestamp.string(from: now.addingTimeInterval(TimeInterval(leaseSeconds)))
        let board = try boards.board(db, transaction, rules: study, now: nowText)
        var result = try renewedLeases(db, annotator: annotator, studyID: studyID, count: count, now: nowText, expires: expires,
                                       maxHoldSeconds: maxHoldSeconds, board: board)
        // Leases beyond the quota's remainder are not returned, and so lapse.
        let renewedTests = result.filter { $0.phase == .test }
        let heldTests = min(renewedTests.count, testAllowance)
        let lapsing = Set(renewedTests.dropFirst(heldTests).map(\.itemID))
        result.removeAll { $0.phase == .test && lapsing.contains($0.itemID) }
        if result.count < count {
            // The ordinal of the next test-or-catch slot: each slot's coin for a catch trial is
            // seeded by it. Counted only where there are catch trials: this is every lease's path.
            let slotsBefore = study.catchRate == 0 ? 0
                : try liveJudgementCount(db, annotatorID: annotator.id, studyID: studyID, phase: .test)
                    + liveJudgementCount(db, annotatorID: annotator.id, studyID: studyID, phase: .catch)
                    + result.filter { $0.phase != .practice }.count
            result += try newLeases(db, annotator: annotator, study: study, board: board, wanted: count - result.count,
                                   testsWanted: max(0, testAllowance - heldTests), slotsBefore: slotsBefore,
                                   alreadyPractice: result.filter { $0.phase == .practice }.count, now: nowText, expires: expires)
        }
        // Only now that every statement succeeded: renewed and new leases alike.
        for assignment in result { board.hold(annotator: annotator.id, item: assignment.itemID, until: assignment.expiresAt) }
        return result
    }

    /// The annotator's leases still active at `now`, practice first, each renewed to
    /// `expires` but never past `maxHoldSeconds` after it was taken; a lease that reaches
    /// that limit lapses and its item goes back to everyone.
    private static func renewedLeases(_ db: Database, annotator: Annotator, studyID: Int64, count: Int, now: String, expires: String,
                                      maxHoldSeconds: Int, board: AssignmentBoard) throws -> [Assignment] {
        let active = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT assignment.item_id, item_handle.handle, coalesce(assignment.phase, item.split) AS phase
            FROM assignment JOIN item ON item.id = assignment.item_id
            JOIN item_handle ON item_handle.study_id = assignment.study_id AND item_handle.item_id = assignment.item_id
            WHERE assignment.annotator_id = ? AND assignment.study_id = ? AND assignment.expires_at > ?
              AND NOT EXISTS (SELECT 1 FROM live_judgement AS judgement WHERE judgement.item_id = assignment.item_id
                              AND judgement.annotator_id = assignment.annotator_id AND judgement.study_id = assignment.study_id)
            ORDER BY (coalesce(assignment.phase, item.split) <> 'practice'), assignment.leased_at, assignment.item_id
            LIMIT ?
            """), arguments: [annotator.id, studyID, now, count])
        guard !active.isEmpty else { return [] }
        // Returning a lease renews it, so a page that keeps asking keeps its prefetched items.
        // Timestamp's text is what strftime's %f form writes, so the capped time compares as text.
        let renewed = try Row.fetchAll(db.cachedStatement(sql: """
            UPDATE assignment SET expires_at = min(?1, strftime('%Y-%m-%dT%H:%M:%fZ', leased_at, ?2)),
                                  final = strftime('%Y-%m-%dT%H:%M:%fZ', leased_at, ?2) < ?1
            WHERE annotator_id = ?3 AND item_id IN (SELECT value FROM json_each(?4))
            RETURNING item_id, expires_at, final
            """), arguments: [expires, "+\(maxHoldSeconds) seconds", annotator.id, JSONText.integers(active.map { $0["item_id"] as Int64 })])
        let outcome = Dictionary(uniqueKeysWithValues: renewed.map { ($0["item_id"] as Int64, (expiresAt: $0["expires_at"] as String, final: $0["final"] as Bool)) })
        return active.compactMap { row in
            let itemID: Int64 = row["item_id"]
            guard let renewal = outcome[itemID] else { return nil }
            // The last renewal it gets: once it lapses, the item is not given back to this annotator.
            if renewal.final { board.heldTooLong(annotator: annotator.id, item: itemID) }
            guard renewal.expiresAt > now else { return nil }
            return Assignment(itemID: itemID, handle: row["handle"], phase: Phase(rawValue: row["phase"]) ?? .test,
                              expiresAt: renewal.expiresAt)
        }
    }

    /// Up to `wanted` fresh leases: practice items until the practice target is reached
    /// (counting `alreadyPractice` held ones), then test items from the board.
    private static func newLeases(_ db: Database, annotator: Annotator, study: StudyRules, board: AssignmentBoard, wanted: Int,
                                  testsWanted: Int, slotsBefore: Int, alreadyPractice practiceLeased: Int, now nowText: String,
                                  expires: String) throws -> [Assignment] {
        var wanted = wanted
        let practiceDone = try board.practiceDone(db, annotator: annotator.id)
        let practiceWanted = min(wanted, max(0, study.practiceTarget - practiceDone - practiceLeased))
        var picks: [(id: Int64, handle: String, phase: Phase)] = []
        if practiceWanted > 0 {
            let candidates = try Row.fetchAll(db.cachedStatement(sql: """
                SELECT item.id, item_handle.handle FROM item
                JOIN item_handle ON item_handle.item_id = item.id AND item_handle.study_id = ?3
                WHERE item.dataset_id = ?1 AND item.split = 'practice'
                  AND NOT EXISTS (SELECT 1 FROM live_judgement AS judgement WHERE judgement.item_id = item.id
                                  AND judgement.annotator_id = ?2 AND judgement.study_id = ?3)
                  AND NOT EXISTS (SELECT 1 FROM assignment WHERE assignment.item_id = item.id
                                  AND assignment.annotator_id = ?2 AND assignment.expires_at > ?4)
                """), arguments: [study.datasetID, annotator.id, study.studyID, nowText])
            let ordered = candidates.sorted { seededRank($0["id"], annotator.id) < seededRank($1["id"], annotator.id) }
            picks += ordered.prefix(practiceWanted).map { ($0["id"], $0["handle"], .practice) }
            wanted -= min(practiceWanted, ordered.count)
        }
        // Test items wait until practice is done (or leased in this very batch).
        if wanted > 0 && testsWanted > 0 && practiceDone + practiceLeased + picks.count >= study.practiceTarget {
            // Each slot is a catch trial with the study's rate, by a coin seeded with the
            // participant, the study and the slot's ordinal; the rest are test items.
            let slots = min(wanted, testsWanted)
            let catchSlots = (0..<slots).filter { catchCoin(annotator: annotator.id, study: study.studyID, slot: slotsBefore + $0) < study.catchRate }
            let catchIDs = catchSlots.isEmpty ? [] : try catchItems(db, annotator: annotator.id, study: study, wanted: catchSlots.count, now: nowText)
            let testIDs = try board.testItems(db, for: annotator.id, now: nowText, wanted: slots - catchIDs.count)
            // Test items' handles come with the board; catch items are not on it.
            let catchAddresses = try handles(db, studyID: study.studyID, itemIDs: catchIDs)
            var tests = testIDs.makeIterator(), catches = catchIDs.makeIterator()
            for slot in 0..<slots {
                let next: (Int64, Phase)? = catchSlots.contains(slot) ? catches.next().map { ($0, .catch) } : nil
                guard let (id, phase) = next ?? tests.next().map({ ($0, .test) }) else { continue }
                if let address = phase == .catch ? catchAddresses[id] : board.handle(of: id) { picks.append((id, address, phase)) }
            }
        }
        // One statement for all of them: each executed statement has a fixed cost on the
        // single writer, and a prefetch leases up to 50. (`WHERE true` lets SQLite parse
        // the upsert after a SELECT.)
        if !picks.isEmpty {
            try db.cachedStatement(sql: """
                INSERT INTO assignment (annotator_id, item_id, leased_at, expires_at, study_id, phase)
                SELECT ?, value, ?, ?, ?, json_extract(?, '$[' || key || ']') FROM json_each(?) WHERE true
                ON CONFLICT (annotator_id, item_id) DO UPDATE SET leased_at = excluded.leased_at, expires_at = excluded.expires_at,
                                                                  final = 0, study_id = excluded.study_id, phase = excluded.phase
                """).execute(arguments: [annotator.id, nowText, expires, study.studyID,
                                         JSONText.phases(picks.map(\.phase)), JSONText.integers(picks.map(\.id))])
        }
        return picks.map { Assignment(itemID: $0.id, handle: $0.handle, phase: $0.phase, expiresAt: expires) }
    }

    /// A uniform draw in [0, 1) for one slot of one participant's test trials.
    static func catchCoin(annotator: Int64, study: Int64, slot: Int) -> Double {
        var generator = SplitMix64(seed: UInt64(bitPattern: annotator) << 32 ^ UInt64(bitPattern: study) << 16 ^ UInt64(slot) ^ 0xCA7C)
        return generator.nextDouble()
    }

    /// Items for catch trials, in the participant's seeded order, from the study's catch
    /// splits: never one they have judged in this study or hold now (so a practice image
    /// already practised on is not a catch trial). Fewer (none) when those run out.
    private static func catchItems(_ db: Database, annotator: Int64, study: StudyRules, wanted: Int, now: String) throws -> [Int64] {
        let candidates = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT item.id FROM item
            WHERE item.dataset_id = ?1 AND item.split IN (SELECT value FROM json_each(?5))
              AND NOT EXISTS (SELECT 1 FROM live_judgement AS judgement WHERE judgement.item_id = item.id
                              AND judgement.annotator_id = ?2 AND judgement.study_id = ?3)
              AND NOT EXISTS (SELECT 1 FROM assignment WHERE assignment.item_id = item.id
                              AND assignment.annotator_id = ?2 AND assignment.expires_at > ?4)
            """), arguments: [study.datasetID, annotator, study.studyID, now, JSONText.encode(study.catchSplits.map(\.rawValue))])
        return Array(candidates.sorted { (seededRank($0, annotator), $0) < (seededRank($1, annotator), $1) }.prefix(wanted))
    }

    /// Each item's handle in the study.
    static func handles(_ db: Database, studyID: Int64, itemIDs: [Int64]) throws -> [Int64: String] {
        guard !itemIDs.isEmpty else { return [:] }
        let rows = try Row.fetchAll(db.cachedStatement(sql: """
            SELECT item_id, handle FROM item_handle WHERE study_id = ? AND item_id IN (SELECT value FROM json_each(?))
            """), arguments: [studyID, JSONText.integers(itemIDs)])
        return Dictionary(uniqueKeysWithValues: rows.map { ($0[0], $0[1]) })
    }

    /// The annotator's judgements that count in one study, in one phase.
    static func liveJudgementCount(_ db: Database, annotatorID: Int64, studyID: Int64, phase: Phase) throws -> Int {
        try Int.fetchOne(db.cachedStatement(sql: """
            SELECT count(*) FROM live_judgement WHERE annotator_id = ? AND study_id = ? AND phase = ?
            """), arguments: [annotatorID, studyID, phase]) ?? 0
    }

    /// A reproducible pseudo-random rank of `item` for `annotator`: the first draw of a
    /// SplitMix64 seeded with both ids, so equal-load items come in a fixed order that
    /// differs between annotators.
    static func seededRank(_ item: Int64, _ annotator: Int64) -> UInt64 {
        var generator = SplitMix64(seed: UInt64(bitPattern: annotator) << 32 ^ UInt64(bitPattern: item))
        return generator.next()
    }
}
