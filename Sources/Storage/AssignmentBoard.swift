// AssignmentBoard: one study's test items as the assigner sees them, in memory: each
// item's live judgements in the study, the study's active leases, the items at each load
// level, and per annotator the items they have judged or hold. Reading this from SQLite on every
// /api/next meant scanning every item at the lowest judgement level and every active
// lease inside the single writer, which held all other writes up for milliseconds.
//
// The board is loaded from the database and the writer's LeaseBook, and then kept in
// step by the writer jobs that change what it mirrors (leases given, judgements stored,
// judgements undone), each after its SQL has succeeded. It is touched only on the writer
// thread. AssignmentBoards throws it away when anything else may have changed the
// database (another process, or a batch that failed to commit), so it is never trusted
// beyond what it has seen.
import Foundation
import GRDB
import StudyPhase

final class AssignmentBoard {
    private struct LeaseKey: Hashable {
        let annotator: Int64
        let position: Int
    }

    /// One annotator's view: flags per item position. Their tie order among equally loaded
    /// items is computed from the seeded rank where it is needed, not kept: a sorted copy of
    /// every item per annotator cost a sort of the whole study on each first lease (on the
    /// writer) and as much memory as the items' ids, per annotator.
    private struct Ledger {
        static let judged: UInt8 = 1, holding: UInt8 = 2, heldTooLong: UInt8 = 4
        var flags: [UInt8]
    }

    let judgementsPerItem: Int
    let order: AssignmentOrder
    private let studyID: Int64
    private let itemIDs: [Int64]  // ascending; an item's position is its index here
    /// Each item's handle in the study, by position: a lease names its items by them, and an
    /// item's handle never changes once given.
    private let handles: [String?]
    private let positions: [Int64: Int]
    private var live: [Int]
    /// Leases not yet seen to expire, per position, and each one's expiry.
    private var leaseCounts: [Int]
    /// The positions at each load level below k (live judgements plus leases), in no
    /// particular order; full items are on no level. A lease looks only at the levels it
    /// needs, first in the study's order: under `fill` these are the few items in progress.
    private var levels: [[Int]]
    /// Where each position sits in its level's array (-1 when full), so a move is O(1).
    private var slots: [Int]
    private var leases: [LeaseKey: String] = [:]
    /// Lease expiries in time order from `expiryHead` on; renewed leases leave stale entries.
    private var expiries: [(expires: String, key: LeaseKey)] = []
    private var expiryHead = 0
    private var ledgers: [Int64: Ledger] = [:]
    /// Live practice judgements per annotator, once read: counting them in SQL walks all
    /// of an annotator's judgements, which grow to the size of the dataset.
    private var practiceCounts: [Int64: Int] = [:]
    /// Where the leases are (for an annotator's ledger).
    private let book: LeaseBook

    /// Reads the study's test items (its dataset's) and their live-judgement counts in the
    /// study, and takes its leases active at `now` from the book.
    init(_ db: Database, rules: StudyRules, leases: LeaseBook, now: String) throws {
        judgementsPerItem = rules.settings.judgementsPerItem
        order = rules.order
        studyID = rules.studyID
        var ids: [Int64] = [], counts: [Int] = [], handles: [String?] = []
        let rows = try Row.fetchCursor(db, sql: """
            SELECT item.id, (SELECT count(*) FROM live_judgement AS judgement WHERE judgement.study_id = ?1 AND judgement.item_id = item.id),
                   item_handle.handle
            FROM item LEFT JOIN item_handle ON item_handle.study_id = ?1 AND item_handle.item_id = item.id
            WHERE item.dataset_id = ?2 AND item.split = 'test' ORDER BY item.id
            """, arguments: [rules.studyID, rules.datasetID])
        while let row = try rows.next() {
            ids.append(row[0])
            counts.append(row[1])
            handles.append(row[2])
        }
        itemIDs = ids
        self.handles = handles
        positions = Dictionary(uniqueKeysWithValues: ids.enumerated().map { ($1, $0) })
        live = counts
        leaseCounts = Array(repeating: 0, count: ids.count)
        levels = Array(repeating: [], count: judgementsPerItem)
        slots = Array(repeating: -1, count: ids.count)
        for (position, count) in counts.enumerated() where count < judgementsPerItem {
            slots[position] = levels[count].count
            levels[count].append(position)
        }
        self.book = leases
        // Leases of items not on the board (practice, catch trials) are passed over by `hold`.
        for lease in leases.active(studyID: rules.studyID, now: now) { hold(annotator: lease.annotator, item: lease.item, until: lease.expiresAt) }
    }

    /// Up to `wanted` test items for the annotator by the study's order of load (live
    /// judgements plus others' active leases): most loaded first for `fill`, least loaded
    /// first for `spread`; ties in the annotator's seeded order; never an item they have
    /// judged or already hold, nor one that is full.
    func testItems(_ db: Database, for annotator: Int64, now: String, wanted: Int) throws -> [Int64] {
        expireLeases(now: now)
        let flags = try ledger(db, annotator).flags
        var picked: [Int] = []
        for level in (order == .fill ? Array(levels.indices.reversed()) : Array(levels.indices)) where picked.count < wanted {
            picked += firstInSeededOrder(levels[level], count: wanted - picked.count, for: annotator, flags: flags)
        }
        return picked.map { itemIDs[$0] }
    }

    /// The `count` first of `positions` the annotator has no flag on, by (seeded rank, item
    /// id), in that order: a selection that keeps `count` entries sorted, since `count` is
    /// small (one page's prefetch) and a level may hold every item.
    private func firstInSeededOrder(_ positions: [Int], count: Int, for annotator: Int64, flags: [UInt8]) -> [Int] {
        guard count > 0 else { return [] }
        var best: [(rank: UInt64, id: Int64, position: Int)] = []
        best.reserveCapacity(count + 1)
        for position in positions where flags[position] == 0 {
            let entry = (rank: Assigner.seededRank(itemIDs[position], annotator), id: itemIDs[position], position: position)
            if best.count == count, let last = best.last, (last.rank, last.id) < (entry.rank, entry.id) { continue }
            let index = best.firstIndex { (entry.rank, entry.id) < ($0.rank, $0.id) } ?? best.count
            best.insert(entry, at: index)
            if best.count > count { best.removeLast() }
        }
        return best.map { $0.position }
    }

    /// The test item's handle in the study; nil for an item not on the board (or without one).
    func handle(of item: Int64) -> String? {
        positions[item].flatMap { handles[$0] }
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

    /// The annotator's lease on `item` reached its renewal limit (it is `final`): once
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

    /// Moves `position` from level `before` to the level of its load now; loads of k or
    /// more are full and on no level.
    private func moved(_ position: Int, from before: Int) {
        let after = load(position)
        if slots[position] >= 0 {
            // On level `before`. Swap-remove: the level's last entry takes this one's slot.
            let slot = slots[position]
            let last = levels[before].removeLast()
            if last != position {
                levels[before][slot] = last
                slots[last] = slot
            }
            slots[position] = -1
        }
        if (0..<judgementsPerItem).contains(after) {
            slots[position] = levels[after].count
            levels[after].append(position)
        }
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
        for item in book.heldTooLong(annotator: annotator, studyID: studyID) {
            if let position = positions[item] { flags[position] |= Ledger.heldTooLong }
        }
        let ledger = Ledger(flags: flags)
        ledgers[annotator] = ledger
        return ledger
    }
}
