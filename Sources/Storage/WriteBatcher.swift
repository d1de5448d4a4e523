// WriteBatcher: group commit. Threads hand it small write jobs and block; one writer
// thread runs everything pending in a single transaction (each job in its own
// savepoint, so one refusal does not undo the others), commits at synchronous=FULL, and
// wakes the callers only once COMMIT has returned, so an acknowledged write is on disk.
// Jobs that arrive while a commit waits for its fsync gather in the queue and share the
// next transaction and its one fsync. Checkpoints are SQLite's automatic ones.
import Foundation
import GRDB

public final class WriteBatcher: @unchecked Sendable {
    private final class Job {
        let work: (Database, WriteTransaction) throws -> Void
        var failure: (any Error)?
        let done = DispatchSemaphore(value: 0)
        init(_ work: @escaping (Database, WriteTransaction) throws -> Void) { self.work = work }
    }

    private let writer: any DatabaseWriter
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [Job] = []
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)
    /// Transactions begun so far; the next one's id. Writer thread only.
    private var transactionCount = 0
    /// Transactions committed so far; batching shows as commits < jobs. Writer thread only.
    public private(set) var commits = 0

    public init(store: Store) {
        writer = store.pool
        let thread = Thread { [self] in run() }
        thread.name = "refhuman.writer"
        thread.start()
    }

    /// Runs `body` in the next group transaction and returns once that has committed.
    public func perform<Value>(_ body: @escaping (Database, WriteTransaction) throws -> Value) throws -> Value {
        var result: Value?
        let job = Job { db, transaction in result = try body(db, transaction) }
        condition.lock()
        guard !stopping else {
            condition.unlock()
            throw StorageError.shuttingDown
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
            let batch = pending
            pending.removeAll()
            condition.unlock()
            if batch.isEmpty { break }  // stopping, and nothing left
            commit(batch)
        }
        finished.signal()
    }

    private func commit(_ batch: [Job]) {
        transactionCount += 1
        let transaction = WriteTransaction(id: transactionCount)
        do {
            try writer.writeWithoutTransaction { db in
                try db.inTransaction {
                    for job in batch {
                        do {
                            try db.inSavepoint {
                                try job.work(db, transaction)
                                return .commit
                            }
                        } catch {
                            job.failure = error
                        }
                    }
                    return .commit
                }
            }
            commits += 1
        } catch {
            transaction.rolledBack()
            for job in batch where job.failure == nil { job.failure = error }
        }
        for job in batch { job.done.signal() }
    }
}

