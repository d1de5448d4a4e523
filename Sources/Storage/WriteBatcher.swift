// WriteBatcher: group commit. Threads hand it small write jobs and block; one writer
// thread runs everything pending in a single transaction (each job in its own
// savepoint, so one refusal does not undo the others), commits with synchronous=FULL,
// and only then wakes the callers. An acknowledged write is therefore on disk, and 64
// concurrent writers cost one fsync, not 64.
import Foundation
import GRDB

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
    private let finished = DispatchSemaphore(value: 0)
    /// Transactions committed so far; batching shows as commits < jobs.
    public private(set) var commits = 0
    /// Most jobs per transaction. 1 turns group commit off, which only the benchmark wants,
    /// to measure what grouping buys.
    private let maxBatch: Int

    init(writer: any DatabaseWriter, maxBatch: Int = .max) {
        self.writer = writer
        self.maxBatch = max(1, maxBatch)
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
            let batch = Array(pending.prefix(maxBatch))
            pending.removeFirst(batch.count)
            let exit = stopping && batch.isEmpty
            condition.unlock()
            if exit { break }
            commit(batch)
        }
        finished.signal()
    }

    private func commit(_ batch: [Job]) {
        do {
            try writer.write { db in
                for job in batch {
                    do {
                        try db.inSavepoint {
                            try job.work(db)
                            return .commit
                        }
                    } catch {
                        job.failure = error
                    }
                }
            }
            commits += 1
        } catch {
            for job in batch where job.failure == nil { job.failure = error }
        }
        for job in batch { job.done.signal() }
    }
}

extension Store {
    /// The one group-commit writer a server should route all its writes through.
    public func makeWriteBatcher(maxBatch: Int = .max) -> WriteBatcher { WriteBatcher(writer: pool, maxBatch: maxBatch) }
}
