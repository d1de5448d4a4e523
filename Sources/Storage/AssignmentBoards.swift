// AssignmentBoards: the writer's AssignmentBoard for each study, and each dataset's
// counts (DatasetCounts, which every lease and judgement needs), dropped whenever they
// may no longer mirror the database: when another connection committed (SQLite's
// data_version moved, as the writer reads it at each transaction's start; the server's
// own writes all go through the writer's connection, which does not move it), when a
// group transaction failed after its jobs updated a board, or when the study's judgements
// per item changed. The leases (LeaseBook) are never dropped: the book is where they are,
// and it undoes a failed transaction's changes itself. Writer thread only.
import Foundation
import GRDB

final class AssignmentBoards: @unchecked Sendable {
    private var boards: [Int64: AssignmentBoard] = [:]
    /// Counted once per dataset while trusted: the counts' subqueries were a tenth of the
    /// writer's time at 4,000 annotators (docs/benchmarks.md). DatasetCounts.init is the
    /// plain path every other reader takes, and a test holds the two equal.
    private var counts: [Int64: DatasetCounts] = [:]
    /// Each study's rules as read in the open writer transaction (emptied as the next one
    /// begins, see `dropIfStale`): the study row changes only in transactions of its own (an
    /// admin's edit), or through a job of this one that says so (`studyChanged`), so one read
    /// serves every job of a group transaction. StudyRules.init is the plain read the status
    /// route and imports make, and a test holds the two equal.
    private var rules: [Int64: StudyRules] = [:]
    /// The writer's count of other connections' commits when the boards last looked.
    private var externalCommits: Int?
    /// The writer transaction in which the data version was last read.
    private var checkedTransaction: Int?
    /// Read from the database by the first job that needs it.
    private var book: LeaseBook?
    /// The longest a lease may be renewed to, from when it was taken (StudyDesk's).
    let maxHoldSeconds: Int

    init(maxHoldSeconds: Int) {
        self.maxHoldSeconds = maxHoldSeconds
    }

    /// Every lease given and not yet judged; read from what the last clean stop saved the first time.
    func leases(_ db: Database, _ transaction: WriteTransaction) throws -> LeaseBook {
        if let book { return book }
        let loaded = try LeaseBook(db, maxHoldSeconds: maxHoldSeconds)
        try LeaseBook.takeOver(db)
        book = loaded
        // Its rows are back in the table if the transaction that emptied it fails.
        transaction.onRollback { [self] in book = nil }
        return loaded
    }

    /// Writes the leases back to the database for the next start (the writer's last job).
    func saveLeases(_ db: Database) throws {
        try book?.save(db)
    }

    /// The board for `rules`' study, loaded afresh if the cached one cannot be trusted.
    func board(_ db: Database, _ transaction: WriteTransaction, rules: StudyRules, now: String) throws -> AssignmentBoard {
        let judgementsPerItem = rules.settings.judgementsPerItem
        if let board = loaded(transaction, studyID: rules.studyID), board.judgementsPerItem == judgementsPerItem,
           board.order == rules.order {
            return board
        }
        let board = try AssignmentBoard(db, rules: rules, leases: leases(db, transaction), now: now)
        boards[rules.studyID] = board
        return board
    }

    /// The study's rules, with its dataset's counts as kept here: what every lease and
    /// judgement reads first, read once per writer transaction.
    func rules(_ db: Database, _ transaction: WriteTransaction, studyID: Int64) throws -> StudyRules {
        dropIfStale(transaction)
        if let known = rules[studyID] { return known }
        let fresh = try StudyRules(db, studyID: studyID) { db, datasetID in try counts(db, transaction, datasetID: datasetID) }
        rules[studyID] = fresh
        return fresh
    }

    /// A job of the open transaction wrote the study's row: its rules are read again.
    func studyChanged(_ studyID: Int64) {
        rules[studyID] = nil
    }

    /// The dataset's counts, read the first time a job asks while the boards are trusted.
    func counts(_ db: Database, _ transaction: WriteTransaction, datasetID: Int64) throws -> DatasetCounts {
        dropIfStale(transaction)
        if let known = counts[datasetID] { return known }
        let fresh = try DatasetCounts(db, datasetID: datasetID)
        counts[datasetID] = fresh
        return fresh
    }

    /// The study's board if one is loaded and still trusted, for jobs that only report changes to it.
    func loaded(_ transaction: WriteTransaction, studyID: Int64?) -> AssignmentBoard? {
        dropIfStale(transaction)
        return studyID.flatMap { boards[$0] }
    }

    private func dropIfStale(_ transaction: WriteTransaction) {
        // Once per writer transaction, not per job: while it is open no other connection can commit.
        guard transaction.id != checkedTransaction else { return }
        checkedTransaction = transaction.id
        // Rules are kept for one transaction only, whatever the data version says.
        rules.removeAll(keepingCapacity: true)
        if transaction.externalCommits != externalCommits {
            forgetAll()
            externalCommits = transaction.externalCommits
        }
        // Jobs of this transaction may tell the boards of writes that then never commit.
        transaction.onRollback { [self] in forgetAll() }
    }

    private func forgetAll() {
        boards.removeAll()
        counts.removeAll()
        rules.removeAll()
    }
}
