// AssignmentBoard: one study's test items as the assigner sees them, in memory: each
// item's live judgements in the study, the study's active leases, and per annotator the items they have judged
// or hold and their seeded order of all items. Reading this from SQLite on every
// /api/next meant scanning every item at the lowest judgement level and every active
// lease inside the single writer, which held all other writes up for milliseconds.
//
// The board is loaded from the database and then kept in step by the writer jobs that
// change what it mirrors (leases given, judgements stored, judgements undone), each after
// its SQL has succeeded. It is touched only on the writer thread. AssignmentBoards throws
// it away when anything else may have changed the database (another process, or a batch
// that failed to commit), so it is never trusted beyond what it has seen.
import Foundation
import GRDB
import StudyPhase

final class AssignmentBoard {
    private struct LeaseKey: Hashable {
        let annotator: Int64
        let position: Int
    }

    /// One annotator's view: flags per item position and the seeded order of positions.
    private struct Ledger {
        static let judged: UInt8 = 1, holding: UInt8 = 2, heldTooLong: UInt8 = 4
        var flags: [UInt8]
        /// Positions by (seeded rank, item id): the tie order among equally loaded items.
        let ranked: [Int]
    }

    let judgementsPerItem: Int
    let order: AssignmentOrder
    private let studyID: Int64
    private let itemIDs: [Int64]  // ascending; an item's position is its index here
    private let positions: [Int64: Int]
    private var live: [Int]
    /// Leases not yet seen to expire, per position, and each one's expiry.
    private var leaseCounts: [Int]
    /// How many items are at each load level below k (live judgements plus leases). The first
    /// level in the study's order with any item is as far as a lease's walk must go: without
    /// it, `fill` walked every item on each lease until some item neared full.
    private var levelCounts: [Int]
    private var leases: [LeaseKey: String] = [:]
    /// Lease expiries in time order from `expiryHead` on; renewed leases leave stale entries.
    private var expiries: [(expires: String, key: LeaseKey)] = []
    private var expiryHead = 0
    private var ledgers: [Int64: Ledger] = [:]
    /// Live practice judgements per annotator, once read: counting them in SQL walks all
    /// of an annotator's judgements, which grow to the size of the dataset.
    private var practiceCounts: [Int64: Int] = [:]

    /// Reads the study's test items (its dataset's), their live-judgement counts in the study, and its leases active at `now`.
    init(_ db: Database, rules: StudyRules, now: String) throws {
        judgementsPerItem = rules.settings.judgementsPerItem
        order = rules.order
        studyID = rules.studyID
        var ids: [Int64] = [], counts: [Int] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, (SELECT count(*) FROM live_judgement AS judgement WHERE judgement.study_id = ?1 AND judgement.item_id = item.id)
            FROM item WHERE dataset_id = ?2 AND split = 'test' ORDER BY id
            """, arguments: [rules.studyID, rules.datasetID])
        while let row = try rows.next() {
            ids.append(row[0])
            counts.append(row[1])
        }
        itemIDs = ids
        positions = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        live = counts
        leaseCounts = Array(repeating: 0, count: ids.count)
        levelCounts = Array(repeating: 0, count: judgementsPerItem)
        for count in counts where count < judgementsPerItem { levelCounts[count] += 1 }
        let active = try Row.fetchCursor(db, sql: """
            SELECT assignment.annotator_id, assignment.item_id, assignment.expires_at
            FROM assignment JOIN item ON item.id = assignment.item_id
            WHERE assignment.study_id = ? AND item.split = 'test' AND assignment.expires_at > ?
            ORDER BY assignment.expires_at
            """, arguments: [rules.studyID, now])
        while let lease = try active.next() { hold(annotator: lease[0], item: lease[1], until: lease[2]) }
    }

    /// Up to `wanted` test items for the annotator by the study's order of load (live
    /// judgements plus others' active leases): most loaded first for `fill`, least loaded
    /// first for `spread`; ties in the annotator's seeded order; never an item they have
    /// judged or already hold, nor one that is full.
    func testItems(_ db: Database, for annotator: Int64, now: String, wanted: Int) throws -> [Int64] {
        expireLeases(now: now)
        let ledger = try self.ledger(db, annotator)
        // Walking the seeded order fills each load level in tie order; a level needs no
        // more than `wanted` entries, and once the first level in the study's order that
        // holds any item at all has `wanted` of them, nothing later can come before them.
        let occupied = levelCounts.indices.filter { levelCounts[$0] > 0 }
        let first = (order == .fill ? occupied.last : occupied.first) ?? 0
        var levels = Array(repeating: [Int](), count: judgementsPerItem)
        for position in ledger.ranked where ledger.flags[position] == 0 {
            let load = live[position] + leaseCounts[position]
            guard load < judgementsPerItem, levels[load].count < wanted else { continue }
            levels[load].append(position)
            if load == first && levels[first].count == wanted { break }
        }
        let ordered = order == .fill ? Array(levels.reversed()) : levels
        return ordered.joined().prefix(wanted).map { itemIDs[$0] }
    }

    /// How many practice judgements of the annotator count.
    func practiceDone(_ db: Database, annotator: Int64) throws -> Int {
        if let count = practiceCounts[annotator] { return count }
        let count = try Assigner.liveJudgementCount(db, annotatorID: annotator, studyID: studyID, phase: .practice)
        practiceCounts[annotator] = count
        return count
    }

    /// The annotator now holds `item` until `expires` (a new lease or a renewal).
    func hold(annotator: Int64, item: Int64, until expires: String) {
        guard let position = positions[item] else { return }  // practice items are not on the board
        let key = LeaseKey(annotator: annotator, position: position)
        if leases.updateValue(expires, forKey: key) == nil {
            let before = load(position)
            leaseCounts[position] += 1
            moved(position, from: before)
            ledgers[annotator]?.flags[position] |= Ledger.holding
        }
        // Leases are mostly given in time order, so the entry almost always goes last.
        var index = expiries.count
        while index > expiryHead && expiries[index - 1].expires > expires { index -= 1 }
        expiries.insert((expires, key), at: index)
    }

    /// The annotator's lease on `item` reached its renewal limit (its row is `final`): once
    /// it lapses the item goes to others, never back to this annotator.
    func heldTooLong(annotator: Int64, item: Int64) {
        guard let position = positions[item] else { return }
        ledgers[annotator]?.flags[position] |= Ledger.heldTooLong
    }

    /// The annotator's judgement of `item`, in `phase`, was stored; their lease on it ends.
    func judged(annotator: Int64, item: Int64, phase: Phase) {
        guard phase == .test else {
            practiceCounts[annotator]? += 1
            return
        }
        guard let position = positions[item] else { return }
        let before = load(position)
        live[position] += 1
        moved(position, from: before)
        ledgers[annotator]?.flags[position] |= Ledger.judged
        release(LeaseKey(annotator: annotator, position: position))
    }

    /// The annotator's judgement of `item`, in `phase`, was undone (the caller leases it back to them).
    func undone(annotator: Int64, item: Int64, phase: Phase) {
        guard phase == .test else {
            practiceCounts[annotator]? -= 1
            return
        }
        guard let position = positions[item] else { return }
        let before = load(position)
        live[position] -= 1
        moved(position, from: before)
        ledgers[annotator]?.flags[position] &= ~Ledger.judged
    }

    private func release(_ key: LeaseKey) {
        guard leases.removeValue(forKey: key) != nil else { return }
        let before = load(key.position)
        leaseCounts[key.position] -= 1
        moved(key.position, from: before)
        ledgers[key.annotator]?.flags[key.position] &= ~Ledger.holding
    }

    private func load(_ position: Int) -> Int { live[position] + leaseCounts[position] }

    /// Keeps `levelCounts` in step after `position`'s load changed from `before`; loads of k
    /// or more are full and not counted.
    private func moved(_ position: Int, from before: Int) {
        let after = load(position)
        if before < judgementsPerItem && before >= 0 { levelCounts[before] -= 1 }
        if after < judgementsPerItem && after >= 0 { levelCounts[after] += 1 }
    }

    /// Ends every lease whose expiry is not after `now` (expires_at > now is active, as in SQL).
    private func expireLeases(now: String) {
        while expiryHead < expiries.count && expiries[expiryHead].expires <= now {
            let (expires, key) = expiries[expiryHead]
            if leases[key] == expires { release(key) }  // otherwise renewed or already released
            expiryHead += 1
        }
        if expiryHead > 1024 && expiryHead * 2 > expiries.count {
            expiries.removeFirst(expiryHead)
            expiryHead = 0
        }
    }

    /// The annotator's ledger, read from the database the first time they ask.
    private func ledger(_ db: Database, _ annotator: Int64) throws -> Ledger {
        if let ledger = ledgers[annotator] { return ledger }
        var flags = Array(repeating: UInt8(0), count: itemIDs.count)
        let judged = try Int64.fetchCursor(db.cachedStatement(sql: "SELECT item_id FROM live_judgement WHERE annotator_id = ? AND study_id = ?"),
                                           arguments: [annotator, studyID])
        while let item = try judged.next() {
            if let position = positions[item] { flags[position] |= Ledger.judged }
        }
        for key in leases.keys where key.annotator == annotator { flags[key.position] |= Ledger.holding }
        let heldTooLong = try Int64.fetchCursor(db.cachedStatement(sql: """
            SELECT item_id FROM assignment WHERE annotator_id = ? AND study_id = ? AND final
            """), arguments: [annotator, studyID])
        while let item = try heldTooLong.next() {
            if let position = positions[item] { flags[position] |= Ledger.heldTooLong }
        }
        let ranks = itemIDs.map { Assigner.seededRank($0, annotator) }
        let ranked = itemIDs.indices.sorted { (ranks[$0], itemIDs[$0]) < (ranks[$1], itemIDs[$1]) }
        let ledger = Ledger(flags: flags, ranked: ranked)
        ledgers[annotator] = ledger
        return ledger
    }
}
