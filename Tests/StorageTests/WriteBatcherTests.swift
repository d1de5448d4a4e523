// WriteBatcherTests: jobs that share one group transaction stand or fall alone: a job that
// throws takes back only its own writes, and the others of its transaction are committed.
import Foundation
import GRDB
@testable import Storage
import Synchronization
import Testing
import TestSupport

@Suite struct WriteBatcherTests {
    struct Refused: Error {}

    @Test func aJobThatThrowsTakesBackOnlyItsOwnWrites() async throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path, concurrentReaders: true)
        try await store.pool.write { db in try db.execute(sql: "CREATE TABLE probe (name TEXT NOT NULL)") }
        let batcher = WriteBatcher(store: store)
        defer { batcher.shutdown() }
        // The first job holds the writer until three more wait, so those three share the next transaction.
        let release = DispatchSemaphore(value: 0)
        let holding = Mutex(false)
        let first = Task {
            try await batcher.perform { db, transaction in
                holding.withLock { $0 = true }
                release.wait()
                try db.execute(sql: "INSERT INTO probe (name) VALUES ('first')")
                return transaction.id
            }
        }
        while !holding.withLock({ $0 }) { await Task.yield() }
        func job(_ name: String, throwing: Bool) -> Task<Int, any Error> {
            Task {
                try await batcher.perform { db, transaction in
                    try db.execute(sql: "INSERT INTO probe (name) VALUES (?)", arguments: [name])
                    if throwing { throw Refused() }
                    return transaction.id
                }
            }
        }
        let before = job("before", throwing: false)
        while batcher.waitingJobs < 1 { await Task.yield() }
        let refused = job("refused", throwing: true)
        while batcher.waitingJobs < 2 { await Task.yield() }
        let after = job("after", throwing: false)
        while batcher.waitingJobs < 3 { await Task.yield() }
        release.signal()

        let firstTransaction = try await first.value
        let shared = try await before.value
        #expect(try await after.value == shared)
        #expect(shared != firstTransaction)
        await #expect(throws: Refused.self) { try await refused.value }
        // A connection of its own reads what was committed.
        let reader = try DatabaseQueue(path: path)
        let names = try await reader.read { db in try String.fetchAll(db, sql: "SELECT name FROM probe ORDER BY rowid") }
        #expect(names == ["first", "before", "after"])
    }
}
