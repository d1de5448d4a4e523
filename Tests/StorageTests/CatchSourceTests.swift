// CatchSourceTests: catch trials drawn from the split the study names (the dataset's catch
// split, or example and spare practice images), migration 0012 rebuilding `item` without
// losing a row that points at one, and a participant returning the study.
import Foundation
import GRDB
@testable import Storage
import StudyPhase
import TestSupport
import Testing

@Suite struct CatchSourceTests {
    /// 20 test, 5 example, 5 practice and 5 catch items of two categories; catch rate 0.4.
    func study(in dir: TemporaryDirectory, source: CatchSource, withCatchSplit: Bool = true) throws -> Store {
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 1, practiceCount: 0),
                                             categories: [CategoryDescription(name: "x"), CategoryDescription(name: "y")])
        try store.importDataset(description, replace: false) { writer in
            let splits: [Split] = Array(repeating: .test, count: 20) + Array(repeating: .example, count: 5)
                + Array(repeating: .practice, count: 5) + (withCatchSplit ? Array(repeating: .catch, count: 5) : [])
            for (index, split) in splits.enumerated() {
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index % 2, split: split, source: "\(split.rawValue):\(index)")
            }
        }
        _ = try store.editStudy(name: "d", title: nil, settings: { _ in }, terms: {
            $0.catchRate = 0.4
            $0.quota = 15
            $0.catchSource = source
        })
        return store
    }

    /// The splits of the items one participant got as catch trials, labelling to the quota.
    func catchSplits(_ store: Store, dir: TemporaryDirectory) async throws -> Set<String> {
        let (annotator, _) = try store.addAnnotator(name: "a", dataset: "d")
        let desk = StudyDesk(store: store, clock: TestClock().read)
        defer { desk.shutdown() }
        while let assignment = try await desk.next(for: annotator, count: 1).first {
            _ = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: assignment.handle, guesses: [0]), by: annotator)
        }
        let splits = try Shell.sqlite(dir.path("db.sqlite"), """
            SELECT DISTINCT item.split FROM judgement JOIN item ON item.id = judgement.item_id WHERE judgement.phase = 'catch'
            """)
        return Set(splits.split(separator: "\n").map(String.init))
    }

    @Test func catchTrialsComeFromTheSplitTheStudyNames() async throws {
        let auto = TemporaryDirectory()
        #expect(try await catchSplits(study(in: auto, source: .auto), dir: auto) == ["catch"])
        let named = TemporaryDirectory()
        #expect(try await catchSplits(study(in: named, source: .catch), dir: named) == ["catch"])
        let shown = TemporaryDirectory()
        let fromShown = try await catchSplits(study(in: shown, source: .shown), dir: shown)
        #expect(!fromShown.isEmpty && fromShown.isSubset(of: ["example", "practice"]))
        // Without a catch split, auto falls back to the images annotators have seen labelled.
        let fallback = TemporaryDirectory()
        let splits = try await catchSplits(study(in: fallback, source: .auto, withCatchSplit: false), dir: fallback)
        #expect(!splits.isEmpty && splits.isSubset(of: ["example", "practice"]))
    }

    @Test func aTestImageThatIsAlsoACatchImageIsRefusedAtImport() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", settings: DatasetSettings(), categories: [CategoryDescription(name: "x")])
        let same = StoredImage(bytes: Data([7]), width: 1, height: 1, format: "png")
        #expect(throws: StorageError.testImageShown(dataset: "d", testSource: "t", otherSource: "c", otherSplit: "catch")) {
            try store.importDataset(description, replace: false) { writer in
                try writer.addItem(image: same, categoryIndex: 0, split: .catch, source: "c")
                try writer.addItem(image: same, categoryIndex: 0, split: .test, source: "t")
            }
        }
        #expect(try Shell.sqlite(dir.path("db.sqlite"), "SELECT count(*) FROM item") == "0")
    }

    @Test func migrationTwelveRebuildsItemsAndKeepsEveryRowThatPointsAtThem() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        // Written in SQL at 0006 (today's import writes columns the older schemas lack), then
        // carried to 0011, where it gets its study and handles, and filled as 0011 would be.
        let bundled = try Migration.bundled()
        try Store(path: path, migrations: Array(bundled.prefix(6))).pool.write { db in
            try db.execute(sql: """
                INSERT INTO dataset (name, title, judgements_per_item, practice_count, created_at) VALUES ('d', 'D', 3, 0, '2026-01-01T00:00:00.000Z');
                INSERT INTO category (dataset_id, idx, name) VALUES (1, 0, 'x'), (1, 1, 'y');
                INSERT INTO annotator (name, dataset_id, token_hash, created_at) VALUES ('a', 1, '\(String(repeating: "a", count: 64))', '2026-01-01T00:00:00.000Z');
                """)
            for index in 0..<6 {
                try db.execute(sql: "INSERT INTO image (sha256, bytes, width, height, format) VALUES (?, ?, 1, 1, 'png')",
                               arguments: [String(repeating: String(index), count: 64), Data([UInt8(index)])])
                try db.execute(sql: "INSERT INTO item (dataset_id, image_id, category_idx, split, source) VALUES (1, ?, ?, ?, ?)",
                               arguments: [db.lastInsertedRowID, index % 2, index < 4 ? "test" : "example", "\(index)"])
            }
        }
        try Store(path: path, migrations: Array(bundled.prefix(11))).pool.write { db in
            try db.execute(sql: """
                INSERT INTO judgement (uuid, annotator_id, item_id, guesses, submitted_at, phase, study_id)
                    VALUES ('u1', 1, 1, '[0]', '2026-01-01T00:00:00.000Z', 'test', 1),
                           ('u2', 1, 2, '[1]', '2026-01-01T00:00:01.000Z', 'test', 1);
                INSERT INTO assignment (annotator_id, item_id, leased_at, expires_at, study_id, phase)
                    VALUES (1, 3, '2026-01-01T00:00:00.000Z', '2026-01-01T01:00:00.000Z', 1, 'test');
                INSERT INTO model (dataset_id, name, created_at) VALUES (1, 'm', '2026-01-01T00:00:00.000Z');
                INSERT INTO prediction (model_id, item_id, rank, category_idx) VALUES (1, 1, 0, 0), (1, 2, 0, 1), (1, 3, 0, 1);
                """)
        }
        let counts = "SELECT (SELECT count(*) FROM item) || ',' || (SELECT count(*) FROM judgement) || ',' || (SELECT count(*) FROM assignment) || ',' || (SELECT count(*) FROM prediction) || ',' || (SELECT count(*) FROM item_handle)"
        #expect(try Shell.sqlite(path, counts) == "6,2,1,3,6")
        let handlesBefore = try Shell.sqlite(path, "SELECT group_concat(item_id || '=' || handle) FROM item_handle")
        _ = try Store(path: path)
        // Every row kept, and the handles the participants already hold unchanged.
        #expect(try Shell.sqlite(path, counts) == "6,2,1,3,6")
        #expect(try Shell.sqlite(path, "SELECT group_concat(item_id || '=' || handle) FROM item_handle") == handlesBefore)
        #expect(try Shell.sqlite(path, "PRAGMA foreign_key_check") == "")
        #expect(try Shell.sqlite(path, "PRAGMA integrity_check") == "ok")
        #expect(try Shell.sqlite(path, "SELECT catch_source FROM study") == "auto")
        // The new split is allowed, and foreign keys are enforced again after the migration.
        let reopened = try Store(path: path)
        try reopened.pool.write { db in
            try db.execute(sql: "INSERT INTO item (dataset_id, image_id, category_idx, split, source) VALUES (1, 1, 0, 'catch', 'c')")
        }
        #expect(throws: DatabaseError.self) {
            try reopened.pool.write { db in try db.execute(sql: "DELETE FROM image WHERE id = 2") }
        }
    }

    @Test func aParticipantWhoReturnsGetsNoMoreItemsAndKeepsTheirAnswers() async throws {
        let dir = TemporaryDirectory()
        let store = try study(in: dir, source: .auto)
        let (annotator, _) = try store.addAnnotator(name: "a", dataset: "d")
        let clock = TestClock()
        let desk = StudyDesk(store: store, clock: clock.read)
        defer { desk.shutdown() }
        let first = try #require(try await desk.next(for: annotator, count: 1).first)
        _ = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: first.handle, guesses: [0]), by: annotator)
        try await desk.returnStudy(by: annotator)
        #expect(try desk.status(of: annotator).participation?.status == .returned)
        #expect(try desk.status(of: annotator).participation?.finish?.outcome == .returned)
        #expect(try desk.status(of: annotator).participation?.finish?.code == nil)
        #expect(try await desk.next(for: annotator, count: 5).isEmpty)
        #expect(try Shell.sqlite(dir.path("db.sqlite"), "SELECT count(*) FROM judgement") == "1")
        let line = try #require(try store.participants(study: "d").first)
        #expect(line.status == .returned && line.endedAt == Timestamp.string(from: clock.read()))
        // A second return changes nothing.
        try await desk.returnStudy(by: annotator)
        #expect(try store.participants(study: "d").first?.endedAt == line.endedAt)
    }
}
