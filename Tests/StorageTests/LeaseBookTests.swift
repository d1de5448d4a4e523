// LeaseBookTests: the leases the writer keeps in memory: a clean stop writes them to
// `assignment` (as sqlite3 reads them) and the next start renews them from there; a crash
// loses them without bringing back stale rows, and answers on them count as late ones; a
// failed transaction undoes its changes.
import Foundation
import GRDB
@testable import Storage
import StudyPhase
import TestSupport
import Testing

@Suite struct LeaseBookTests {
    /// 6 test items and 4 examples (catch trials at a rate of 0.5), 2 categories, and one annotator.
    func study(_ dir: TemporaryDirectory) throws -> (Store, Annotator) {
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 2, practiceCount: 0),
                                             categories: [CategoryDescription(name: "x"), CategoryDescription(name: "y")])
        try store.importDataset(description, replace: false) { writer in
            for index in 0..<10 {
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index % 2, split: index < 6 ? .test : .example, source: "\(index)")
            }
        }
        _ = try store.editStudy(name: "d", title: nil, settings: { _ in }, terms: { $0.catchRate = 0.5 })
        return (store, try store.addAnnotator(name: "a", dataset: "d").0)
    }

    @Test func aCleanStopKeepsTheLeasesForTheNextStartAndACrashLosesThem() async throws {
        let dir = TemporaryDirectory()
        let (store, annotator) = try study(dir)
        let path = dir.path("db.sqlite")
        let clock = TestClock()
        let first = StudyDesk(store: store, leaseSeconds: 60, clock: clock.read)
        let leased = try await first.next(for: annotator, count: 4)
        #expect(leased.count == 4 && Set(leased.map(\.phase)).isSubset(of: [.test, .catch]))
        // While the desk runs, the leases are in memory only, and no handover says the table is complete.
        #expect(try Shell.sqlite(path, "SELECT count(*) || ',' || (SELECT count(*) FROM lease_handover) FROM assignment") == "0,0")
        first.shutdown()
        // The clean stop wrote each one, with its study, phase and times, as the lease said, and the handover.
        let expected = leased.map { lease in
            "\(annotator.id)|\(lease.itemID)|\(annotator.studyID!)|\(lease.phase.rawValue)|\(Timestamp.string(from: clock.now))|\(lease.expiresAt)|0"
        }.sorted()
        let stored = try Shell.sqlite(path, """
            SELECT annotator_id || '|' || item_id || '|' || study_id || '|' || phase || '|' || leased_at || '|' || expires_at || '|' || final
            FROM assignment ORDER BY annotator_id, item_id
            """)
        #expect(stored.split(separator: "\n").map(String.init).sorted() == expected)
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM lease_handover") == "1")

        // The next start renews the same items, in the same phases, and takes the rows out of the table.
        clock.advance(seconds: 10)
        let second = StudyDesk(store: try Store(path: path, concurrentReaders: true), leaseSeconds: 60, clock: clock.read)
        let renewed = try await second.next(for: annotator, count: 4)
        // (In the order they were taken, then by item id: all four were taken at once.)
        #expect(renewed.map { "\($0.itemID) \($0.phase)" } == leased.sorted { $0.itemID < $1.itemID }.map { "\($0.itemID) \($0.phase)" })
        #expect(renewed.allSatisfy { $0.expiresAt == Timestamp.string(from: clock.now.addingTimeInterval(60)) })
        #expect(try Shell.sqlite(path, "SELECT count(*) || ',' || (SELECT count(*) FROM lease_handover) FROM assignment") == "0,0")
        // A start after a clean stop refuses an answer on a test item it never leased.
        let never = try Shell.sqlite(path, """
            SELECT handle FROM item_handle JOIN item ON item.id = item_handle.item_id
            WHERE item.split = 'test' AND item.id NOT IN (\(leased.map { String($0.itemID) }.joined(separator: ",")))
            ORDER BY item.id LIMIT 1
            """)
        await #expect(throws: JudgementRefusal.notLeased(never)) {
            try await second.record(JudgementSubmission(uuid: UUID().uuidString, item: never, guesses: [0]), by: annotator)
        }

        // A crash (this desk is never stopped) loses its leases and leaves no handover: the
        // next start knows none of them and takes an answer on a test item as a late one (it
        // counts, as the item is not full); a catch trial's, whose phase only its lease knew, is refused.
        let test = try #require(renewed.first { $0.phase == .test }), caught = try #require(renewed.first { $0.phase == .catch })
        let third = StudyDesk(store: try Store(path: path, concurrentReaders: true), leaseSeconds: 60, clock: clock.read)
        defer { third.shutdown() }
        #expect(try await third.heldLeaseCount() == 0)
        let late = try await third.record(JudgementSubmission(uuid: UUID().uuidString, item: test.handle, guesses: [0]), by: annotator)
        #expect(late.item == test.handle && late.phase == .test)
        await #expect(throws: JudgementRefusal.notLeased(caught.handle)) {
            try await third.record(JudgementSubmission(uuid: UUID().uuidString, item: caught.handle, guesses: [0]), by: annotator)
        }
        #expect(try Shell.sqlite(path, "SELECT group_concat(item_id || ' ' || phase) FROM judgement") == "\(test.itemID) test")
    }

    @Test func aCleanStopLeavesOutLeasesWhoseItemIsGone() async throws {
        let dir = TemporaryDirectory()
        let (store, annotator) = try study(dir)
        let path = dir.path("db.sqlite")
        let desk = StudyDesk(store: store, leaseSeconds: 60, clock: TestClock().read)
        let leased = try await desk.next(for: annotator, count: 3)
        #expect(leased.count == 3)
        // Behind the server's back, one leased item loses its handle (as when its dataset is imported again).
        _ = try Shell.sqlite(path, "DELETE FROM item_handle WHERE item_id = \(leased[0].itemID)")
        desk.shutdown()
        let kept = leased.dropFirst().map { String($0.itemID) }.sorted()
        #expect(try Shell.sqlite(path, "SELECT group_concat(item_id) FROM (SELECT item_id FROM assignment ORDER BY CAST(item_id AS TEXT))")
                == kept.joined(separator: ","))
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM lease_handover") == "1")
    }

    @Test func aRenewalPassesOverLeasesAnotherProcessEnded() async throws {
        let dir = TemporaryDirectory()
        let (store, annotator) = try study(dir)
        let path = dir.path("db.sqlite")
        let desk = StudyDesk(store: store, leaseSeconds: 60, clock: TestClock().read)
        defer { desk.shutdown() }
        // By item id: a renewal would give the first two back if it did not pass over them.
        let leased = try await desk.next(for: annotator, count: 4).sorted { $0.itemID < $1.itemID }
        #expect(leased.count == 4)
        // Behind the server's back: one held item judged (an import), another's handle gone (its dataset imported again).
        _ = try Shell.sqlite(path, """
            INSERT INTO judgement (uuid, annotator_id, item_id, guesses, submitted_at, phase, study_id)
            VALUES ('\(UUID().uuidString)', \(annotator.id), \(leased[0].itemID), '[0]', '2026-01-01T00:00:00.000Z', 'test', \(annotator.studyID!));
            DELETE FROM item_handle WHERE item_id = \(leased[1].itemID);
            """)
        let renewed = try await desk.next(for: annotator, count: 2)
        #expect(Set(renewed.map(\.itemID)) == Set(leased[2...].map(\.itemID)))
    }

    @Test func aTransactionThatFailsUndoesItsChangesToTheBook() {
        let book = LeaseBook(maxHoldSeconds: 1800)
        func lease(expires: String, final: Bool = false) -> LeaseBook.Lease {
            LeaseBook.Lease(studyID: 1, handle: "h", phase: .test, leasedAt: "2026-01-01T00:00:00.000Z",
                            holdLimit: "2026-01-01T00:30:00.000Z", expiresAt: expires, final: final)
        }
        let committed = WriteTransaction(id: 1)
        book.give(annotator: 1, item: 10, lease(expires: "2026-01-01T00:10:00.000Z"), committed)
        book.give(annotator: 1, item: 11, lease(expires: "2026-01-01T00:10:00.000Z"), committed)
        let failed = WriteTransaction(id: 2)
        book.renew(annotator: 1, item: 10, to: "2026-01-01T00:20:00.000Z", final: true, failed)
        book.renew(annotator: 1, item: 10, to: "2026-01-01T00:30:00.000Z", final: true, failed)
        book.end(annotator: 1, item: 11, failed)
        book.give(annotator: 2, item: 10, lease(expires: "2026-01-01T00:10:00.000Z"), failed)
        #expect(book.count == 2 && book.lease(annotator: 1, item: 10)?.expiresAt == "2026-01-01T00:30:00.000Z")
        failed.rolledBack()
        #expect(book.count == 2)
        #expect(book.lease(annotator: 1, item: 10) == lease(expires: "2026-01-01T00:10:00.000Z"))
        #expect(book.lease(annotator: 1, item: 11) == lease(expires: "2026-01-01T00:10:00.000Z"))
        #expect(book.lease(annotator: 2, item: 10) == nil)
        // An undo's lease keeps the renewal limit its item had reached.
        book.renew(annotator: 1, item: 10, to: "2026-01-01T00:30:00.000Z", final: true, committed)
        book.give(annotator: 1, item: 10, lease(expires: "2026-01-01T00:40:00.000Z"), keepingFinal: true, committed)
        #expect(book.lease(annotator: 1, item: 10)?.final == true)
        book.give(annotator: 1, item: 10, lease(expires: "2026-01-01T00:40:00.000Z"), committed)
        #expect(book.lease(annotator: 1, item: 10)?.final == false)
    }
}
