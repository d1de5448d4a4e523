// WriteBatcherTests: jobs that share one group transaction stand or fall alone: a job that
// throws takes back only its own writes, and the others of its transaction are committed.
// Under load the writer lets jobs gather between transactions; alone, it never waits.
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
        let first = try await holdWriter(batcher, until: release, inserting: "first")
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

    /// A writer clock the test moves by hand. A sleep is recorded and moves the time on by
    /// its length; while the gate is shut it also blocks until the test opens it.
    final class HandClock: WriterClock {
        private let state = Mutex<(now: Duration, sleeps: [Duration])>((.zero, []))
        private let gateShut = Mutex(false)
        private let gate = DispatchSemaphore(value: 0)

        func now() -> Duration { state.withLock { $0.now } }
        func set(_ time: Duration) { state.withLock { $0.now = time } }
        var sleeps: [Duration] { state.withLock { $0.sleeps } }
        func shutGate() { gateShut.withLock { $0 = true } }
        func openGate() {
            gateShut.withLock { $0 = false }
            gate.signal()
        }

        func sleep(for duration: Duration) {
            state.withLock { $0.sleeps.append(duration) }
            if gateShut.withLock({ $0 }) { gate.wait() }
            state.withLock { $0.now += duration }
        }
    }

    struct TimedOut: Error {}

    /// Starts a job that inserts `name` and then holds the writer until `release` is
    /// signalled; returns once the writer is held, so jobs handed over next wait in the queue.
    func holdWriter(_ batcher: WriteBatcher, until release: DispatchSemaphore, inserting name: String) async throws -> Task<Int, any Error> {
        let holding = Mutex(false)
        let job = Task {
            try await batcher.perform { db, transaction in
                try db.execute(sql: "INSERT INTO probe (name) VALUES (?)", arguments: [name])
                holding.withLock { $0 = true }
                release.wait()
                return transaction.id
            }
        }
        try await waitUntil { holding.withLock { $0 } }
        return job
    }

    /// Yields until `condition` holds; throws after ten seconds, so a broken writer fails the test instead of hanging it.
    func waitUntil(_ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .seconds(10)
        while !condition() {
            guard ContinuousClock.now < deadline else { throw TimedOut() }
            await Task.yield()
        }
    }

    @Test func writesArrivingTogetherGatherForTheSpacingAndAWriterAloneNeverWaits() async throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"), concurrentReaders: true)
        try await store.pool.write { db in try db.execute(sql: "CREATE TABLE probe (name TEXT NOT NULL)") }
        let clock = HandClock()
        let batcher = WriteBatcher(store: store, spacing: .milliseconds(4), clock: clock)
        defer { batcher.shutdown() }
        // Runs first: a failed expectation must not leave the writer blocked in a sleep that shutdown would wait for.
        defer { clock.openGate() }
        @Sendable func insert(_ name: String) async throws -> Int {
            try await batcher.perform { db, transaction in
                try db.execute(sql: "INSERT INTO probe (name) VALUES (?)", arguments: [name])
                return transaction.id
            }
        }

        // One job at a time, 1 ms apart: each transaction carried one job, so none waits.
        _ = try await insert("alone 1")
        clock.set(.milliseconds(1))
        _ = try await insert("alone 2")
        #expect(clock.sleeps.isEmpty)

        // Two jobs that queued behind a busy writer share a transaction, begun at 10 ms.
        let release = DispatchSemaphore(value: 0)
        let holder = try await holdWriter(batcher, until: release, inserting: "holder")
        let first = Task { try await insert("together 1") }
        try await waitUntil { batcher.waitingJobs == 1 }
        let second = Task { try await insert("together 2") }
        try await waitUntil { batcher.waitingJobs == 2 }
        clock.set(.milliseconds(10))
        release.signal()
        _ = try await holder.value
        let shared = try await first.value
        #expect(try await second.value == shared)
        #expect(clock.sleeps.isEmpty)

        // 1 ms later a job arrives: the writer waits the 3 ms left of the spacing, and a job
        // handed over meanwhile joins it in one transaction.
        clock.shutGate()
        clock.set(.milliseconds(11))
        let early = Task { try await insert("early") }
        try await waitUntil { clock.sleeps.count == 1 }
        let joining = Task { try await insert("joining") }
        try await waitUntil { batcher.waitingJobs == 2 }
        clock.openGate()
        let gathered = try await early.value
        #expect(try await joining.value == gathered)
        #expect(gathered == shared + 1)
        #expect(clock.sleeps == [.milliseconds(3)])

        // That transaction began at 14 ms; by 30 ms the spacing has passed, so the next job goes at once.
        clock.set(.milliseconds(30))
        _ = try await insert("late")
        #expect(clock.sleeps == [.milliseconds(3)])
        let names = try await store.pool.read { db in try String.fetchAll(db, sql: "SELECT name FROM probe ORDER BY rowid") }
        #expect(names == ["alone 1", "alone 2", "holder", "together 1", "together 2", "early", "joining", "late"])
    }
}

