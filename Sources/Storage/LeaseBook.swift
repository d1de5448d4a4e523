// LeaseBook: every lease the server has given and not yet seen judged, kept in memory on
// the writer thread: who holds which item, in which study and phase, since when, until
// when, and whether it has reached its renewal limit. A lease lives only until its
// judgement, so a row for it meant an INSERT, an UPDATE on each renewal and a DELETE one
// judgement later, with their WAL pages and share of the fsync, on every trial of the
// single writer (docs/benchmarks.md). The `assignment` table keeps leases across a clean
// restart only: the book is read from it, and the table emptied, in the writer's first
// transaction that needs it, and written back when the writer stops, with a row in
// `lease_handover` to say they are complete. A crash loses the leases, never a judgement:
// the next start finds no handover, and takes an answer on an item it knows no lease for
// as a late answer (it counts unless the item has filled meanwhile).
//
// Every change is undone if its group transaction fails (WriteTransaction.onRollback),
// so the book says what committed. Writer thread only.
import Foundation
import GRDB
import StudyPhase

final class LeaseBook {
    struct Lease: Sendable, Equatable {
        let studyID: Int64
        /// The item's handle in the study when it was leased: a lease whose item was since
        /// replaced (a dataset imported again) names a handle that no longer exists.
        let handle: String
        let phase: Phase
        let leasedAt: String
        /// The latest it may be renewed to: `leasedAt` plus the desk's longest hold.
        let holdLimit: String
        var expiresAt: String
        /// It was renewed to its hold limit: once it lapses, the item does not come back to this annotator.
        var final: Bool
    }

    /// Per annotator, their leases by item id.
    private var leases: [Int64: [Int64: Lease]] = [:]
    /// The longest a lease may be renewed to, from when it was taken (StudyDesk's).
    let maxHoldSeconds: Int
    /// The last serve ended without handing its leases over (a crash): some pages hold
    /// leases this book never saw.
    private(set) var leasesLost = false

    /// The annotator's lease on `item`, active or lapsed.
    func lease(annotator: Int64, item: Int64) -> Lease? {
        leases[annotator]?[item]
    }

    /// Whether the annotator holds `item` at `now` (expires_at > now is active).
    func holds(annotator: Int64, item: Int64, now: String) -> Bool {
        guard let lease = leases[annotator]?[item] else { return false }
        return lease.expiresAt > now
    }

    /// The annotator's leases in the study active at `now`: practice first, then by when
    /// they were taken and by item id, so a page gets its items back in the order it got them.
    func active(annotator: Int64, studyID: Int64, now: String) -> [(item: Int64, lease: Lease)] {
        guard let held = leases[annotator] else { return [] }
        return held.filter { $0.value.studyID == studyID && $0.value.expiresAt > now }
            .map { (item: $0.key, lease: $0.value) }
            .sorted { ($0.lease.phase != .practice ? 1 : 0, $0.lease.leasedAt, $0.item)
                < ($1.lease.phase != .practice ? 1 : 0, $1.lease.leasedAt, $1.item) }
    }

    /// Every lease in the study active at `now`, in order of expiry (for loading a board).
    func active(studyID: Int64, now: String) -> [(annotator: Int64, item: Int64, expiresAt: String)] {
        var found: [(annotator: Int64, item: Int64, expiresAt: String)] = []
        for (annotator, held) in leases {
            for (item, lease) in held where lease.studyID == studyID && lease.expiresAt > now {
                found.append((annotator, item, lease.expiresAt))
            }
        }
        return found.sorted { ($0.expiresAt, $0.annotator, $0.item) < ($1.expiresAt, $1.annotator, $1.item) }
    }

    /// The items of the study the annotator held to their renewal limit.
    func heldTooLong(annotator: Int64, studyID: Int64) -> [Int64] {
        guard let held = leases[annotator] else { return [] }
        return held.compactMap { $0.value.studyID == studyID && $0.value.final ? $0.key : nil }
    }

    /// Leases `item` to the annotator afresh, replacing any lease they had on it (its
    /// renewal limit too, unless `keepingFinal`).
    func give(annotator: Int64, item: Int64, _ lease: Lease, keepingFinal: Bool = false, _ transaction: WriteTransaction) {
        var lease = lease
        if keepingFinal, let old = leases[annotator]?[item] { lease.final = old.final }
        set(annotator: annotator, item: item, to: lease, transaction)
    }

    /// Renews the annotator's lease on `item` to `expiresAt`, marking whether that is its last renewal.
    func renew(annotator: Int64, item: Int64, to expiresAt: String, final: Bool, _ transaction: WriteTransaction) {
        guard var lease = leases[annotator]?[item] else { return }
        lease.expiresAt = expiresAt
        lease.final = final
        set(annotator: annotator, item: item, to: lease, transaction)
    }

    /// The annotator's lease on `item` ends (their judgement of it was stored).
    func end(annotator: Int64, item: Int64, _ transaction: WriteTransaction) {
        guard leases[annotator]?[item] != nil else { return }
        set(annotator: annotator, item: item, to: nil, transaction)
    }

    private func set(annotator: Int64, item: Int64, to lease: Lease?, _ transaction: WriteTransaction) {
        let before = leases[annotator]?[item]
        store(annotator: annotator, item: item, lease)
        transaction.onRollback { [self] in store(annotator: annotator, item: item, before) }
    }

    private func store(annotator: Int64, item: Int64, _ lease: Lease?) {
        if let lease {
            leases[annotator, default: [:]][item] = lease
        } else {
            leases[annotator]?[item] = nil
            if leases[annotator]?.isEmpty == true { leases[annotator] = nil }
        }
    }

    /// An empty book.
    init(maxHoldSeconds: Int) {
        self.maxHoldSeconds = maxHoldSeconds
    }

    /// The latest a lease taken at `now` may be renewed to.
    func holdLimit(takenAt now: Date) -> String {
        Timestamp.string(from: now.addingTimeInterval(TimeInterval(maxHoldSeconds)))
    }

    /// The leases a clean stop left in `assignment`, each renewable up to `maxHoldSeconds`
    /// after it was taken, and whether they are all of them.
    init(_ db: Database, maxHoldSeconds: Int) throws {
        self.maxHoldSeconds = maxHoldSeconds
        leasesLost = try Int.fetchOne(db, sql: "SELECT count(*) FROM lease_handover") == 0
        let rows = try Row.fetchCursor(db, sql: """
            SELECT assignment.annotator_id, assignment.item_id, assignment.study_id, item_handle.handle,
                   coalesce(assignment.phase, item.split), assignment.leased_at, assignment.expires_at, assignment.final
            FROM assignment JOIN item ON item.id = assignment.item_id
            JOIN item_handle ON item_handle.study_id = assignment.study_id AND item_handle.item_id = assignment.item_id
            """)
        while let row = try rows.next() {
            // A row of an example split without a phase was never a lease anyone could answer.
            guard let phase = Phase(rawValue: row[4]) else { continue }
            let leasedAt: String = row[5]
            let limit = Timestamp.date(from: leasedAt).map(holdLimit(takenAt:))
            store(annotator: row[0], item: row[1],
                  Lease(studyID: row[2], handle: row[3], phase: phase, leasedAt: leasedAt, holdLimit: limit ?? leasedAt,
                        expiresAt: row[6], final: row[7]))
        }
    }

    /// Takes the handed-over leases out of the database: from here on the book is where
    /// they are, and a crash must not bring back stale rows, nor a handover that says the
    /// table is complete.
    static func takeOver(_ db: Database) throws {
        try db.execute(sql: "DELETE FROM assignment; DELETE FROM lease_handover")
    }

    /// Writes every lease into `assignment`, and the handover that says they are complete,
    /// for the next start to read. A lease whose item no longer has its handle in the study
    /// (its dataset was imported again while serving) is left out: its row would name an
    /// item that is gone.
    func save(_ db: Database) throws {
        try db.execute(sql: "INSERT INTO lease_handover (saved_at) VALUES (?)", arguments: [Timestamp.now()])
        let insert = try db.makeStatement(sql: """
            INSERT OR REPLACE INTO assignment (annotator_id, item_id, leased_at, expires_at, final, study_id, phase)
            SELECT ?1, ?2, ?3, ?4, ?5, ?6, ?7
            WHERE EXISTS (SELECT 1 FROM item_handle WHERE study_id = ?6 AND item_id = ?2 AND handle = ?8)
              AND EXISTS (SELECT 1 FROM annotator WHERE id = ?1)
            """)
        for (annotator, held) in leases {
            for (item, lease) in held {
                try insert.execute(arguments: [annotator, item, lease.leasedAt, lease.expiresAt, lease.final, lease.studyID, lease.phase,
                                               lease.handle])
            }
        }
    }

    /// How many leases the book holds, lapsed ones included.
    var count: Int { leases.values.reduce(0) { $0 + $1.count } }
}
