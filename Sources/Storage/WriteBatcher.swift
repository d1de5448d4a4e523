// WriteBatcher: group commit. Threads hand it small write jobs and block; one writer
// thread runs everything pending in a single transaction (each job in its own
// savepoint, so one refusal does not undo the others), commits, and wakes the callers
// only once the transaction is on disk. An acknowledged write is therefore durable, and
// 64 concurrent writers cost one fsync, not 64.
//
// With grouping on, the fsync is a WALSyncer's, and the writer does not wait for it: it
// runs the jobs that arrive meanwhile inside its next, still open transaction, and
// commits that when the disk is free again. Jobs are executed as soon as they come, and
// each commit gathers everything the last fsync kept waiting, so there is at most one
// commit per fsync and the pages a batch shares are written once. With grouping off (the
// benchmark's baseline) each job is one plain synchronous=FULL transaction.
import Foundation
import GRDB
import GRDBSQLite

public final class WriteBatcher: @unchecked Sendable {
    private final class Job {
        let work: (Database) throws -> Void
        var failure: (any Error)?
        let done = DispatchSemaphore(value: 0)
        init(_ work: @escaping (Database) throws -> Void) { self.work = work }
    }

    private let writer: any DatabaseWriter
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [Job] = []
    private var stopping = false
    /// A committed batch is waiting for its fsync.
    private var syncing = false
    private let finished = DispatchSemaphore(value: 0)
    /// Transactions committed so far; batching shows as commits < jobs.
    public private(set) var commits = 0
    /// Transactions that failed as a whole; jobs' in-memory effects since must be redone.
    private(set) var failedTransactions = 0
    /// Transactions begun so far: jobs of one transaction share one view of what other
    /// connections did, since none can commit while the writer's transaction is open.
    private(set) var transactionsBegun = 0
    /// Most jobs per transaction. 1 turns group commit off, which only the benchmark wants,
    /// to measure what grouping buys.
    private let maxBatch: Int
    /// Present when grouping is on; see WALSyncer. Set once, in init.
    private var syncer: WALSyncer?
    /// Checkpoints leave the writer's thread (in both modes, so the baseline differs only in grouping).
    let checkpointer: WALCheckpointer

    /// `checkpointFrames`: how far the log grows between checkpoints (tests make it small).
    init(writer: any DatabaseWriter, maxBatch: Int = .max, checkpointFrames: Int32 = WALCheckpointer.defaultThresholdFrames) {
        self.writer = writer
        self.maxBatch = max(1, maxBatch)
        checkpointer = WALCheckpointer(path: writer.path, thresholdFrames: checkpointFrames)
        try? writer.writeWithoutTransaction { [checkpointer] db in checkpointer.takeOver(db) }
        if maxBatch > 1 {
            syncer = WALSyncer { [unowned self] in
                condition.lock()
                syncing = false
                condition.signal()
                condition.unlock()
            }
        }
        let thread = Thread { [self] in run() }
        thread.name = "refhuman.writer"
        thread.start()
    }

    /// Runs `body` in the next group transaction and returns once that has committed.
    public func perform<Value>(_ body: @escaping (Database) throws -> Value) throws -> Value {
        var result: Value?
        let job = Job { db in result = try body(db) }
        condition.lock()
        guard !stopping else {
            condition.unlock()
            throw StorageError.invalid("the server is shutting down")
        }
        pending.append(job)
        condition.signal()
        condition.unlock()
        job.done.wait()
        if let failure = job.failure { throw failure }
        return result!
    }

    /// Commits what is pending, refuses new work, and waits for the writer to end.
    public func shutdown() {
        condition.lock()
        let alreadyStopping = stopping
        stopping = true
        condition.signal()
        condition.unlock()
        if !alreadyStopping { finished.wait() }
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping { condition.wait() }
            let batch = takePending(upTo: maxBatch)
            let exit = stopping && batch.isEmpty
            condition.unlock()
            if exit { break }
            commit(batch)
        }
        syncer?.shutdown()
        try? writer.writeWithoutTransaction { db in WALCheckpointer.handBack(db) }
        checkpointer.shutdown()
        finished.signal()
    }

    /// Up to `limit` pending jobs, oldest first. Call with `condition` locked.
    private func takePending(upTo limit: Int) -> [Job] {
        let taken = Array(pending.prefix(limit))
        pending.removeFirst(taken.count)
        return taken
    }

    private func commit(_ first: [Job]) {
        var batch = first
        var log: UnsafeMutablePointer<sqlite3_file>?
        var committed = false
        do {
            try writer.writeWithoutTransaction { db in
                if syncer != nil {
                    // Not cached: SQLite applies this pragma when it is prepared, not when it runs.
                    try db.execute(sql: "PRAGMA synchronous = NORMAL")
                }
                defer { if syncer != nil { try? db.execute(sql: "PRAGMA synchronous = FULL") } }
                try db.inTransaction {
                    transactionsBegun += 1
                    try runJobs(batch, db)
                    // While the previous batch's fsync runs, take in what arrives.
                    while syncer != nil && batch.count < maxBatch {
                        condition.lock()
                        while syncing && pending.isEmpty && !stopping { condition.wait() }
                        let more = syncing && !stopping ? takePending(upTo: maxBatch - batch.count) : []
                        condition.unlock()
                        if more.isEmpty { break }
                        batch += more  // first, so a failing transaction still answers them
                        try runJobs(more, db)
                    }
                    return .commit
                }
                log = WALSyncer.writeAheadLog(of: db)
            }
            commits += 1
            committed = true
        } catch {
            failedTransactions += 1
            for job in batch where job.failure == nil { job.failure = error }
        }
        guard let syncer, committed else {
            for job in batch { job.done.signal() }
            return
        }
        condition.lock()
        syncing = true
        condition.unlock()
        syncer.enqueue(batch.map { job in { failure in
            if job.failure == nil { job.failure = failure }
            job.done.signal()
        } }, log: log)
    }

    private func runJobs(_ batch: [Job], _ db: Database) throws {
        // GRDB's inSavepoint parses its SAVEPOINT and RELEASE anew each time; these are
        // prepared once, as every job in every batch runs them.
        let savepoint = try db.cachedStatement(sql: "SAVEPOINT job")
        let release = try db.cachedStatement(sql: "RELEASE SAVEPOINT job")
        let rollback = try db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT job")
        for job in batch {
            try savepoint.execute()
            do {
                try job.work(db)
            } catch {
                job.failure = error
                try rollback.execute()
            }
            try release.execute()
        }
    }
}

extension Store {
    /// The one group-commit writer a server should route all its writes through.
    public func makeWriteBatcher(maxBatch: Int = .max) -> WriteBatcher { WriteBatcher(writer: pool, maxBatch: maxBatch) }
}
