// StudiesTests: two studies of one dataset count their judgements apart, one person can
// take part in both, a protocol freezes at its study's first test judgement, and a closed
// study leases nothing.
import Foundation
import GRDB
@testable import Storage
import StudyPhase
import TestSupport
import Testing

@Suite struct StudiesTests {
    /// Dataset "d": 2 test items, 2 categories, no practice; its first study "d" asks 1 judgement per item.
    func dataset(_ dir: TemporaryDirectory) throws -> Store {
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 1, practiceCount: 0),
                                             categories: [CategoryDescription(name: "x"), CategoryDescription(name: "y")])
        try store.importDataset(description, replace: false) { writer in
            for index in 0..<2 {
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index, split: .test, source: "\(index)")
            }
        }
        return store
    }

    func judge(_ desk: StudyDesk, _ annotator: Annotator, _ item: String) async throws {
        _ = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: item, guesses: [0]), by: annotator)
    }

    @Test func twoStudiesOfOneDatasetCountApartAndOnePersonCanTakePartInBoth() async throws {
        let dir = TemporaryDirectory()
        let store = try dataset(dir)
        _ = try store.createStudy(name: "second", dataset: "d", title: nil, settings: DatasetSettings(judgementsPerItem: 1, practiceCount: 0))
        let (a, _) = try store.addAnnotator(name: "a", dataset: "d")
        let (b, _) = try store.addAnnotator(name: "b", dataset: nil, study: "second")
        #expect(a.study == "d" && b.study == "second" && b.dataset == "d")
        let desk = StudyDesk(store: store, clock: TestClock().read)
        defer { desk.shutdown() }
        // a fills both items of study d (one judgement each) ...
        let first = try await desk.next(for: a, count: 2)
        for assignment in first { try await judge(desk, a, assignment.handle) }
        #expect(try await desk.next(for: a, count: 2).isEmpty)
        // ... which leaves study "second" untouched: b is offered both.
        let offeredToB = try await desk.next(for: b, count: 2)
        #expect(Set(offeredToB.map(\.itemID)) == Set(first.map(\.itemID)))
        // The same items have other handles in the other study.
        #expect(Set(offeredToB.map(\.handle)).isDisjoint(with: first.map(\.handle)))
        // a joins "second" with the same account and may judge the same items again there.
        let moved = try store.enrolAnnotator(name: "a", study: "second")
        #expect(moved.id == a.id && moved.study == "second")
        let again = try await desk.next(for: moved, count: 2)
        // b holds both leases, each item's only slot in "second": nothing is free for a yet.
        #expect(again.isEmpty)
        let itemB = first[0].itemID
        try await judge(desk, b, offeredToB.first { $0.itemID == itemB }!.handle)
        #expect(try Shell.sqlite(dir.path("db.sqlite"), """
            SELECT group_concat(name || ':' || n) FROM (SELECT study.name, count(judgement.id) AS n FROM study
            LEFT JOIN judgement ON judgement.study_id = study.id GROUP BY study.id ORDER BY study.id)
            """) == "d:2,second:1")
        #expect(try store.studies().map { "\($0.name) \($0.participants) \($0.testJudgements)" } == ["d 1 2", "second 2 1"])
        // Reports and exports are per study: a dataset with two needs one named.
        #expect(throws: StorageError.studyNotChosen(dataset: "d", studies: ["d", "second"])) { _ = try store.studyRecords(dataset: "d") }
        #expect(try store.studyRecords(dataset: nil, study: "d").judgements.count == 2)
        let second = try store.studyRecords(dataset: "d", study: "second")
        #expect(second.judgements.map(\.itemID) == [itemB] && second.annotatorNames == [b.id: "b"] && second.study == "second")
        #expect(try store.studyRecords(dataset: "d", judgements: false).items.count == 2)
    }

    @Test func theProtocolFreezesAtTheFirstTestJudgementAndAClosedStudyLeasesNothing() async throws {
        let dir = TemporaryDirectory()
        let store = try dataset(dir)
        let edited = try store.editStudy(name: "d", title: "Clothes") { $0.maxGuesses = 2 }
        #expect(edited.settings.maxGuesses == 2 && edited.title == "Clothes" && edited.frozenAt == nil)
        #expect(throws: StorageError.invalidSettings(reason: "judgements_per_item must be at least 1")) {
            _ = try store.editStudy(name: "d", title: nil) { $0.judgementsPerItem = 0 }
        }
        let (a, _) = try store.addAnnotator(name: "a", dataset: "d")
        let clock = TestClock()
        let desk = StudyDesk(store: store, clock: clock.read)
        defer { desk.shutdown() }
        let leased = try await desk.next(for: a, count: 1)
        try await judge(desk, a, leased[0].handle)
        let frozenAt = Timestamp.string(from: clock.read())
        #expect(try store.study(named: "d").frozenAt == frozenAt)
        #expect(throws: StorageError.studyFrozen(name: "d", since: frozenAt)) {
            _ = try store.editStudy(name: "d", title: nil) { $0.maxGuesses = 1 }
        }
        #expect("\(StorageError.studyFrozen(name: "d", since: frozenAt))"
                == "study 'd' has test judgements since \(frozenAt), so its protocol is frozen; create a new study for a new protocol")
        _ = try store.closeStudy(name: "d")
        #expect(try await desk.next(for: a, count: 1).isEmpty)
        #expect(try desk.status(of: a).phase == .done)
        #expect(throws: StorageError.studyClosed(name: "d")) { _ = try store.addAnnotator(name: "late", dataset: nil, study: "d") }
        #expect(throws: StorageError.noOpenStudy(dataset: "d")) { _ = try store.addAnnotator(name: "late", dataset: "d") }
    }
}
