// WriteBatcher: group commit. Tasks hand it small write jobs and await; one writer
// thread runs everything pending in a single transaction (each job in its own
// savepoint, so one refusal does not undo the others), commits at synchronous=FULL, and
// resumes the callers only once COMMIT has returned, so an acknowledged write is on disk.
// Jobs that arrive while a commit waits for its fsync gather in the queue and share the
// next transaction and its one fsync; while writes arrive together, the writer also lets
// them gather for a few milliseconds between transactions (CommitPacing). Checkpoints are
// SQLite's automatic ones. Before resuming anyone the writer checks that the file it wrote
// is still the one at the database's path: a file deleted or replaced under a running
// server would otherwise take acknowledged judgements with it. At the start of each group
// transaction, and every tenth of a second while idle in a server, it reads SQLite's
// data_version to learn of other processes' commits (WriteTransaction.externalCommits;
// the AccountCache).
import Foundation
import GRDB

public final class WriteBatcher: @unchecked Sendable {
    private final class Job {
        let work: (Database, WriteTransaction) throws -> Void
        var failure: (any Error)?
        /// Called on the writer thread once the job's transaction has committed or failed.
        let finished: ((any Error)?) -> Void
        init(_ work: @escaping (Database, WriteTransaction) throws -> Void, finished: @escaping ((any Error)?) -> Void) {
            self.work = work
            self.finished = finished
        }
    }

    /// The least time between two transactions' beginnings while writes arrive together (CommitPacing).
    public static let defaultSpacing: Duration = .milliseconds(4)

    private let writer: any DatabaseWriter
    private let file: DatabaseFileIdentity?
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [Job] = []
    private var stopping = false
    private var lastJob: ((Database) throws -> Void)?
    private let finished = DispatchSemaphore(value: 0)
    /// Transactions begun so far; the next one's id. Writer thread only.
    private var transactionCount = 0
    /// Transactions committed so far; batching shows as commits < jobs. Writer thread only.
    public private(set) var commits = 0
    /// What `PRAGMA data_version` said last: it moves only when another connection commits. Writer thread only.
    private var dataVersion: Int64?
    /// Other connections' commits found so far (WriteTransaction.externalCommits). Writer thread only.
    private var externalCommits = 0
    /// A server's cache of accounts, emptied when another process commits; nil for commands.
    private let accounts: AccountCache?
    /// When the next transaction may begin. Writer thread only.
    private var pacing: CommitPacing
    /// How often an idle server's writer looks for other processes' commits: the longest an
    /// account changed from outside (sqlite3, say) can still be answered from the cache.
    static let idleWatchSeconds = 0.1

    public init(store: Store, spacing: Duration = WriteBatcher.defaultSpacing, clock: any WriterClock = SystemWriterClock()) {
        writer = store.pool
        pacing = CommitPacing(spacing: spacing, clock: clock)
        file = store.fileIdentity
        accounts = store.accounts
        if let accounts {
            // The data version to compare with, before any request can be served: an account
            // cached before it was read could miss a commit made in between.
            dataVersion = try? writer.writeWithoutTransaction { db in try Int64.fetchOne(db, sql: "PRAGMA data_version") }
            accounts.invalidate()
        }
        let thread = Thread { [self] in run() }
        thread.name = "refhuman.writer"
        thread.start()
    }

    /// Runs `body` in the next group transaction and returns once that has committed.
    /// The caller's task is suspended meanwhile, so waiting holds no thread.
    public func perform<Value: Sendable>(_ body: @escaping @Sendable (Database, WriteTransaction) throws -> Value) async throws -> Value {
        let outcome = Outcome<Value>()
        return try await withCheckedThrowingContinuation { continuation in
            let job = Job({ db, transaction in outcome.value = try body(db, transaction) }, finished: { failure in
                if let failure { continuation.resume(throwing: failure) } else { continuation.resume(returning: outcome.value!) }
            })
            condition.lock()
            guard !stopping else {
                condition.unlock()
                continuation.resume(throwing: StorageError.shuttingDown)
                return
            }
            pending.append(job)
            condition.signal()
            condition.unlock()
        }
    }

    /// Runs `work` in a savepoint of the open transaction, rolled back to if it throws.
    /// The three statements are prepared once per connection. GRDB's `inSavepoint` prepares
    /// its SAVEPOINT and RELEASE from text on every call, and in a profile of the writer under
    /// the capacity benchmark that cost nearly as much as a judgement's INSERT (docs/benchmarks.md).
    private static func inSavepoint(_ db: Database, _ work: () throws -> Void) throws {
        // Outside the group transaction (SQLite rolls it all back on a full disk, say) a
        // SAVEPOINT would begin a transaction of its own and its RELEASE would commit this
        // job alone, while the batch's COMMIT fails and every job hears it failed.
        guard db.isInsideTransaction else {
            throw DatabaseError(resultCode: .SQLITE_ABORT, message: "the group transaction was rolled back")
        }
        try db.cachedStatement(sql: "SAVEPOINT job").execute()
        do {
            try work()
        } catch {
            // The job's own error is the one to report; if no savepoint is left to undo, the
            // whole transaction is gone already, and the next job and the COMMIT say so.
            try? db.cachedStatement(sql: "ROLLBACK TO SAVEPOINT job").execute()
            try? db.cachedStatement(sql: "RELEASE SAVEPOINT job").execute()
            throw error
        }
        try db.cachedStatement(sql: "RELEASE SAVEPOINT job").execute()
    }

    /// A job's result, written by the writer thread before it resumes the caller.
    private final class Outcome<Value>: @unchecked Sendable {
        var value: Value?
    }

    /// Jobs handed over and not yet taken by the writer (for tests that line jobs up).
    var waitingJobs: Int {
        condition.lock()
        defer { condition.unlock() }
        return pending.count
    }

    /// Commits what is pending, refuses new work, runs `last` (if any) in a transaction of
    /// its own after everything else, and waits for the writer to end.
    public func shutdown(last: ((Database) throws -> Void)? = nil) {
        condition.lock()
        let alreadyStopping = stopping
        stopping = true
        if !alreadyStopping { lastJob = last }
        condition.signal()
        condition.unlock()
        if !alreadyStopping { finished.wait() }
    }

    private func run() {
        while true {
            condition.lock()
            while pending.isEmpty && !stopping {
                if accounts == nil {
                    condition.wait()
                } else if !condition.wait(until: Date(timeIntervalSinceNow: Self.idleWatchSeconds)) {
                    // Idle for a tenth of a second. A failure here (the file gone, say) is the
                    // next transaction's to report.
                    condition.unlock()
                    try? writer.writeWithoutTransaction { db in try watchExternalCommits(db) }
                    condition.lock()
                }
            }
            let wait = stopping ? .zero : pacing.timeToWait()
            if wait > .zero {
                // Not on the condition: every job handed over meanwhile would wake the writer for nothing.
                condition.unlock()
                pacing.clock.sleep(for: wait)
                condition.lock()
            }
            let batch = pending
            pending.removeAll()
            let last = batch.isEmpty ? lastJob : nil
            condition.unlock()
            if batch.isEmpty {  // stopping, and nothing left
                do {
                    try last.map { job in try writer.write { db in try job(db) } }
                } catch {
                    FileHandle.standardError.write(Data("refhuman: the writer's last job failed: \(error)\n".utf8))
                }
                break
            }
            commit(batch)
        }
        finished.signal()
    }

    /// Counts another connection's commit if data_version moved since the last look, and
    /// then empties the account cache.
    private func watchExternalCommits(_ db: Database) throws {
        let version = try Int64.fetchOne(db, sql: "PRAGMA data_version")
        guard version != dataVersion else { return }
        dataVersion = version
        externalCommits += 1
        accounts?.invalidate()
    }

    private func commit(_ batch: [Job]) {
        pacing.began(jobs: batch.count)
        transactionCount += 1
        let transaction = WriteTransaction(id: transactionCount)
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    try watchExternalCommits(db)
                    transaction.externalCommits = externalCommits
                    for job in batch {
                        do {
                            try Self.inSavepoint(db) { try job.work(db, transaction) }
                        } catch {
                            job.failure = error
                        }
                    }
                    return .commit
                }
            }
            commits += 1
            if let lost = file?.lossSinceOpening() {
                // Committed, but into a file nobody will open again: say so rather than acknowledge.
                FileHandle.standardError.write(Data("refhuman: DATABASE FILE LOST: \(lost); refusing every write until restarted\n".utf8))
                for job in batch where job.failure == nil { job.failure = lost }
            }
        } catch {
            transaction.rolledBack()
            for job in batch where job.failure == nil { job.failure = error }
        }
        for job in batch { job.finished(job.failure) }
    }
}

