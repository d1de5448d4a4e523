// Assigner: which items an annotator gets next. Practice items first; then the test
// items furthest from `judgements_per_item` (live judgements plus others' active
// leases), never one this annotator has judged; ties broken by a per-annotator seeded
// order, so a session can be replayed exactly. Leases keep concurrent annotators from
// over-labelling an item; they are kept in the writer's LeaseBook. The test-item choice
// is made on the writer's in-memory AssignmentBoard; practice items are few and read from SQL.
import Foundation
import GRDB
import SeededRandom
import StudyPhase

enum Assigner {
    /// Up to `count` leased assignments: the annotator's live leases first, then new ones.
    static func next(_ db: Database, _ transaction: WriteTransaction, annotator: Annotator, count: Int, now: Date,
                     leaseSeconds: Int, boards: AssignmentBoards) throws -> [Assignment] {
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
        let book = try boards.leases(db, transaction)
        let board = try boards.board(db, transaction, rules: study, now: nowText)
        let renewals = try renewedLeases(db, book: book, annotator: annotator, studyID: studyID, count: count, now: nowText, expires: expires)
        var result = renewals.filter { $0.expiresAt > nowText }.map(\.assignment)
        // Leases beyond the quota's remainder are not returned, and so lapse.
        let renewedTests = result.filter { $0.phase == .test }
        let heldTests = min(renewedTests.count, testAllowance)
        let lapsing = Set(renewedTests.dropFirst(heldTests).map(\.itemID))
        result.removeAll { $0.phase == .test && lapsing.contains($0.itemID) }
        var fresh: [Assignment] = []
        if result.count < count {
            // The ordinal of the next test-or-catch slot: each slot's coin for a catch trial is
            // seeded by it. Counted only where there are catch trials: this is every lease's path.
            let slotsBefore = study.catchRate == 0 ? 0
                : try liveJudgementCount(db, annotatorID: annotator.id, studyID: studyID, phase: .test)
                    + liveJudgementCount(db, annotatorID: annotator.id, studyID: studyID, phase: .catch)
                    + result.filter { $0.phase != .practice }.count
            fresh = try newLeases(db, annotator: annotator, study: study, board: board, book: book, wanted: count - result.count,
                                  testsWanted: max(0, testAllowance - heldTests), slotsBefore: slotsBefore,
                                  alreadyPractice: result.filter { $0.phase == .practice }.count, now: nowText, expires: expires)
        }
        // Only now that every statement succeeded: the book and the board, renewed and new leases alike.
        for renewal in renewals {
            book.renew(annotator: annotator.id, item: renewal.itemID, to: renewal.expiresAt, final: renewal.final, transaction)
            // The last renewal it gets: once it lapses, the item is not given back to this annotator.
            if renewal.final { board.heldTooLong(annotator: annotator.id, item: renewal.itemID) }
        }
        let holdLimit = book.holdLimit(takenAt: now)
        for assignment in fresh {
            book.give(annotator: annotator.id, item: assignment.itemID,
                      LeaseBook.Lease(studyID: studyID, handle: assignment.handle, phase: assignment.phase, leasedAt: nowText,
                                      holdLimit: holdLimit, expiresAt: expires, final: false), transaction)
        }
        result += fresh
        for assignment in result { board.hold(annotator: annotator.id, item: assignment.itemID, until: assignment.expiresAt) }
        return result
    }

    /// A renewal of one active lease: what it is renewed to, and whether that is its last.
    private struct Renewal {
        let itemID: Int64
        let handle: String
        let phase: Phase
        let expiresAt: String
        let final: Bool
        var assignment: Assignment { Assignment(itemID: itemID, handle: handle, phase: phase, expiresAt: expiresAt) }
    }

    /// The annotator's leases still active at `now`, practice first, up to `count`, each to be
    /// renewed to `expires` but never past its hold limit (the desk's longest hold after it was
    /// taken); one that reaches that limit is final, and once it lapses its item goes back to
    /// everyone. Returning a lease renews it, so a page that keeps asking keeps its prefetched items.
    private static func renewedLeases(_ db: Database, book: LeaseBook, annotator: Annotator, studyID: Int64, count: Int, now: String,
                                      expires: String) throws -> [Renewal] {
        let active = book.active(annotator: annotator.id, studyID: studyID, now: now)
        guard !active.isEmpty else { return [] }
        // The writer ends a lease when it stores its judgement, but another process may have
        // changed what it names meanwhile: stored a judgement of it (a CLI import, say), or
        // imported its dataset again, so the item no longer has the lease's handle.
        let renewable = Set(try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT held.value FROM json_each(?3) AS held
            WHERE EXISTS (SELECT 1 FROM item_handle WHERE item_handle.study_id = ?2 AND item_handle.item_id = held.value
                            AND item_handle.handle = json_extract(?4, '$[' || held.key || ']'))
              AND NOT EXISTS (SELECT 1 FROM live_judgement WHERE annotator_id = ?1 AND study_id = ?2 AND item_id = held.value)
            """), arguments: [annotator.id, studyID, JSONText.integers(active.map(\.item)), try JSONText.encode(active.map(\.lease.handle))]))
        return active.filter { renewable.contains($0.item) }.prefix(count).map { item, lease in
            Renewal(itemID: item, handle: lease.handle, phase: lease.phase, expiresAt: min(expires, lease.holdLimit),
                    final: lease.holdLimit < expires)
        }
    }

    /// Up to `wanted` fresh leases: practice items until the practice target is reached
    /// (counting `alreadyPractice` held ones), then test items from the board.
    private static func newLeases(_ db: Database, annotator: Annotator, study: StudyRules, board: AssignmentBoard, book: LeaseBook,
                                  wanted: Int, testsWanted: Int, slotsBefore: Int, alreadyPractice practiceLeased: Int,
                                  now nowText: String, expires: String) throws -> [Assignment] {
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
                """), arguments: [study.datasetID, annotator.id, study.studyID])
                .filter { !book.holds(annotator: annotator.id, item: $0["id"], now: nowText) }
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
            let catchIDs = catchSlots.isEmpty ? []
                : try catchItems(db, annotator: annotator.id, study: study, book: book, wanted: catchSlots.count, now: nowText)
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
    private static func catchItems(_ db: Database, annotator: Int64, study: StudyRules, book: LeaseBook, wanted: Int,
                                   now: String) throws -> [Int64] {
        let candidates = try Int64.fetchAll(db.cachedStatement(sql: """
            SELECT item.id FROM item
            WHERE item.dataset_id = ?1 AND item.split IN (SELECT value FROM json_each(?4))
              AND NOT EXISTS (SELECT 1 FROM live_judgement AS judgement WHERE judgement.item_id = item.id
                              AND judgement.annotator_id = ?2 AND judgement.study_id = ?3)
            """), arguments: [study.datasetID, annotator, study.studyID, JSONText.encode(study.catchSplits.map(\.rawValue))])
            .filter { !book.holds(annotator: annotator, item: $0, now: now) }
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
