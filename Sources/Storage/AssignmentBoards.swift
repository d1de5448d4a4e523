// AssignmentBoards: the writer's AssignmentBoard and JudgementRules for each dataset,
// dropped whenever they may no longer mirror the database: when another connection committed (SQLite's
// data_version moves; the server's own writes all go through the writer's connection,
// which does not move it), when a group transaction failed after its jobs updated a
// board, or when the dataset's judgements per item changed. Writer thread only.
import Foundation
import GRDB

final class AssignmentBoards: @unchecked Sendable {
    private let batcher: WriteBatcher
    private var boards: [Int64: AssignmentBoard] = [:]
    private var rules: [Int64: JudgementRules] = [:]
    private var dataVersion: Int64?
    private var failedTransactions = 0
    /// The writer transaction in which the data version was last read.
    private var checkedInTransaction = -1

    init(batcher: WriteBatcher) { self.batcher = batcher }

    /// The board for `study`'s dataset, loaded afresh if the cached one cannot be trusted.
    func board(_ db: Database, study: Assigner.StudyRules, now: String) throws -> AssignmentBoard {
        try dropIfStale(db)
        if let board = boards[study.datasetID], board.judgementsPerItem == study.judgementsPerItem { return board }
        let board = try AssignmentBoard(db, datasetID: study.datasetID, judgementsPerItem: study.judgementsPerItem, now: now)
        boards[study.datasetID] = board
        return board
    }

    /// The dataset's judgement rules, read afresh if the cached ones cannot be trusted.
    func rules(_ db: Database, datasetID: Int64) throws -> JudgementRules {
        try dropIfStale(db)
        if let known = rules[datasetID] { return known }
        let read = try JudgementRules(db, datasetID: datasetID)
        rules[datasetID] = read
        return read
    }

    private func dropIfStale(_ db: Database) throws {
        // Once per writer transaction, not per job: while it is open no other connection
        // can commit, and the pragma is a statement of its own on the single writer.
        guard batcher.transactionsBegun != checkedInTransaction || !db.isInsideTransaction else { return }
        checkedInTransaction = batcher.transactionsBegun
        let version = try Int64.fetchOne(db.cachedStatement(sql: "PRAGMA data_version"))
        let failures = batcher.failedTransactions
        if version != dataVersion || failures != failedTransactions {
            boards.removeAll()
            rules.removeAll()
            dataVersion = version
            failedTransactions = failures
        }
    }

    /// The dataset's board if one is loaded, for jobs that only report changes to it.
    func loaded(datasetID: Int64?) -> AssignmentBoard? { datasetID.flatMap { boards[$0] } }
}
