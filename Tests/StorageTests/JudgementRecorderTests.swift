// JudgementRecorderTests: the recorder's decisions in the cases easiest to get wrong: a
// uuid reused on another leased item, an expired or missing lease (nothing stored), and
// rules changed by another connection while the server runs.
import Foundation
import GRDB
@testable import Storage
import StudyPhase
import TestSupport
import Testing

@Suite struct JudgementRecorderTests {
    /// A study of 4 test items, 2 categories, 3 judgements per item, up to 2 guesses, and one annotator.
    func study(_ dir: TemporaryDirectory, leaseSeconds: Int = 600, clock: TestClock = TestClock()) throws -> (StudyDesk, Annotator) {
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 3, maxGuesses: 2, practiceCount: 0),
                                             categories: [CategoryDescription(name: "x"), CategoryDescription(name: "y")])
        try store.importDataset(description, replace: false) { writer in
            for index in 0..<4 {
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index % 2, split: .test, source: "\(index)")
            }
        }
        let (annotator, _) = try store.addAnnotator(name: "a", dataset: "d")
        let desk = StudyDesk(store: try Store(path: dir.path("db.sqlite"), concurrentReaders: true), leaseSeconds: leaseSeconds,
                             clock: clock.read)
        return (desk, annotator)
    }

    @Test func aUuidReusedOnAnotherLeasedItemIsAReplayAndThatLeaseStaysAsItWas() async throws {
        let dir = TemporaryDirectory()
        let (desk, annotator) = try study(dir)
        defer { desk.shutdown() }
        let leased = try await desk.next(for: annotator, count: 2)
        let uuid = UUID().uuidString
        let first = try await desk.record(JudgementSubmission(uuid: uuid, item: leased[0].handle, guesses: [1]), by: annotator)
        let path = dir.path("db.sqlite")
        let leaseBefore = try await desk.heldLease(annotator: annotator.id, item: leased[1].itemID)
        // Same uuid, other item: the original receipt comes back and nothing is stored.
        let replay = try await desk.record(JudgementSubmission(uuid: uuid, item: leased[1].handle, guesses: [0]), by: annotator)
        #expect(replay == first)
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM judgement") == "1")
        #expect(try await desk.heldLease(annotator: annotator.id, item: leased[1].itemID) == leaseBefore && leaseBefore != nil)
        // The lease still works for a judgement of its own.
        let second = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: leased[1].handle, guesses: [0]), by: annotator)
        #expect(second.item == leased[1].handle)
        #expect(try await desk.heldLeaseCount() == 0)
    }

    @Test func rulesChangedByAnotherConnectionApplyToTheNextJudgement() async throws {
        let dir = TemporaryDirectory()
        let (desk, annotator) = try study(dir)
        defer { desk.shutdown() }
        let leased = try await desk.next(for: annotator, count: 3)
        _ = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: leased[0].handle, guesses: [0, 1]), by: annotator)
        // From another connection: one guess only from now on. (`refhuman studies edit` refuses
        // this once a test judgement froze the study; the writer must not trust a cached copy either way.)
        _ = try Shell.sqlite(dir.path("db.sqlite"), "UPDATE study SET max_guesses = 1")
        await #expect(throws: JudgementRefusal.self) {
            try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: leased[1].handle, guesses: [0, 1]), by: annotator)
        }
        _ = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: leased[1].handle, guesses: [1]), by: annotator)
        // An abstention and a guess outside the categories take the full checks and their answers.
        await #expect(throws: JudgementRefusal.self) {
            try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: leased[2].handle, guesses: [2]), by: annotator)
        }
        let abstained = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: leased[2].handle, guesses: [], abstained: true),
                                        by: annotator)
        #expect(abstained.phase == .test && abstained.correct == nil)
    }

    @Test func anExpiredLeaseStillCountsOnceAndNoLeaseIsRefusedWithNothingStored() async throws {
        let dir = TemporaryDirectory()
        let clock = TestClock()
        let (desk, annotator) = try study(dir, leaseSeconds: 1, clock: clock)
        defer { desk.shutdown() }
        let path = dir.path("db.sqlite")
        let leased = try await desk.next(for: annotator, count: 1)
        let never = try Shell.sqlite(path, "SELECT handle FROM item_handle WHERE item_id <> \(leased[0].itemID) LIMIT 1")
        await #expect(throws: JudgementRefusal.notLeased(never)) {
            try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: never, guesses: [0]), by: annotator)
        }
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM judgement") == "0")
        clock.advance(seconds: 1.2)  // the lease has expired; the item is far from full, so the answer counts
        let uuid = UUID().uuidString
        let late = try await desk.record(JudgementSubmission(uuid: uuid, item: leased[0].handle, guesses: [1]), by: annotator)
        #expect(late.item == leased[0].handle)
        #expect(try Shell.sqlite(path, "SELECT count(*) || ' ' || max(uuid) FROM judgement") == "1 \(uuid)")
        #expect(try await desk.heldLeaseCount() == 0)
    }

    @Test func aLateAnswerOnAnItemOthersFilledIsRefusedAndAnInTimeOneIsNot() async throws {
        let dir = TemporaryDirectory()
        let clock = TestClock()
        let (desk, annotator) = try study(dir, leaseSeconds: 10, clock: clock)
        defer { desk.shutdown() }
        let path = dir.path("db.sqlite")
        let leased = try await desk.next(for: annotator, count: 2)
        // Three others (sqlite3, as an import would) fill both items: 3 judgements each is k.
        _ = try Shell.sqlite(path, """
            INSERT INTO annotator (name, role, token_hash, created_at)
                SELECT 'other' || value, 'annotator', printf('%064d', value), '2026-01-01T00:00:00.000Z' FROM json_each('[1,2,3]');
            INSERT INTO judgement (uuid, annotator_id, item_id, guesses, submitted_at, phase, study_id)
                SELECT 'u' || annotator.id || '-' || item.value, annotator.id, item.value, '[0]', '2026-01-01T00:00:00.000Z', 'test',
                       \(annotator.studyID!)
                FROM annotator, json_each('[\(leased[0].itemID),\(leased[1].itemID)]') AS item WHERE annotator.name LIKE 'other%';
            """)
        // Within its lease, an answer counts even on a full item.
        let inTime = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: leased[0].handle, guesses: [0]), by: annotator)
        #expect(inTime.item == leased[0].handle)
        clock.advance(seconds: 11)  // the other lease has lapsed, and its item is full
        await #expect(throws: JudgementRefusal.notLeased(leased[1].handle)) {
            try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: leased[1].handle, guesses: [0]), by: annotator)
        }
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM judgement WHERE annotator_id = \(annotator.id)") == "1")
    }

    @Test func aPracticeAnswerIsRightWhenTheTruthIsAmongItsGuesses() async throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 1, maxGuesses: 2),
                                             categories: ["x", "y", "z"].map { CategoryDescription(name: $0) })
        try store.importDataset(description, replace: false) { writer in
            for index in 0..<3 {  // practice items of true categories 0, 1, 2
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index, split: .practice, source: "p\(index)")
            }
        }
        let (annotator, _) = try store.addAnnotator(name: "a", dataset: "d")
        let desk = StudyDesk(store: try Store(path: dir.path("db.sqlite"), concurrentReaders: true), clock: TestClock().read)
        defer { desk.shutdown() }
        let truth = try Dictionary(uniqueKeysWithValues: Shell.sqlite(dir.path("db.sqlite"), "SELECT id, category_idx FROM item")
            .split(separator: "\n").map { line in (Int64(line.split(separator: "|")[0])!, Int(line.split(separator: "|")[1])!) })
        let leased = try await desk.next(for: annotator, count: 3)
        #expect(leased.count == 3 && leased.allSatisfy { $0.phase == .practice })
        // By hand: truth second of two guesses is right (top-2), truth first is right, truth absent is wrong.
        let answers: [(Int64) -> [Int]] = [{ [(truth[$0]! + 1) % 3, truth[$0]!] }, { [truth[$0]!] }, { [(truth[$0]! + 1) % 3, (truth[$0]! + 2) % 3] }]
        var verdicts: [Bool?] = []
        for (assignment, answer) in zip(leased, answers) {
            let receipt = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: assignment.handle,
                                                              guesses: answer(assignment.itemID)), by: annotator)
            verdicts.append(receipt.correct)
        }
        #expect(verdicts == [true, true, false])
        #expect(try desk.status(of: annotator).practiceCorrect == 2)
    }
}
