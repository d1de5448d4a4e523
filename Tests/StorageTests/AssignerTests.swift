// AssignerTests: the order in which test items are handed out (least loaded first, ties in
// a per-annotator seeded order), the in-memory board that order is read from (kept up to
// date through a whole simulated study, it must agree with one loaded afresh from the
// database), and migration 0004, which drops the per-item counts 0003 stored, losing
// no judgement.
import Foundation
import GRDB
import SeededRandom
@testable import Storage
import StudyPhase
import TestSupport
import Testing

@Suite struct AssignerTests {
    /// A fresh study: `items` test items (sources "0"…), 3 judgements per item, no practice,
    /// and annotators named a, b, c, d, e.
    func study(in dir: TemporaryDirectory, items: Int, practice: Int = 0,
               migrations: [Migration]? = nil) throws -> (Store, [String: Int64], [Int64]) {
        let store = try Store(path: dir.path("db.sqlite"), migrations: migrations)
        let description = DatasetDescription(name: "d", settings: DatasetSettings(judgementsPerItem: 3, practiceCount: practice),
                                             categories: [CategoryDescription(name: "x"), CategoryDescription(name: "y")])
        try store.importDataset(description, replace: false) { writer in
            for index in 0..<items {
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index % 2, split: .test, source: "\(index)")
            }
            for index in 0..<practice {
                try writer.addItem(image: StoredImage(bytes: Data([UInt8(200 + index)]), width: 1, height: 1, format: "png"),
                                   categoryIndex: index % 2, split: .practice, source: "p\(index)")
            }
        }
        var annotators: [String: Int64] = [:]
        for name in ["a", "b", "c", "d", "e"] { annotators[name] = try store.addAnnotator(name: name, dataset: "d").0.id }
        let ids = try store.pool.read { db in
            try Int64.fetchAll(db, sql: "SELECT id FROM item WHERE split = 'test' ORDER BY CAST(source AS INTEGER)")
        }
        return (store, annotators, ids)
    }

    /// A database at an older schema (`migrations`, up to 0006), written in SQL as that
    /// schema defines it: today's import writes tables the older schema lacks.
    func olderStudy(in dir: TemporaryDirectory, items: Int, migrations: [Migration]) throws -> (Store, [String: Int64], [Int64]) {
        precondition(migrations.count < 7, "studies arrive with 0007")
        let store = try Store(path: dir.path("db.sqlite"), migrations: migrations)
        let created = "2026-01-01T00:00:00.000Z"
        let (annotators, ids) = try store.pool.write { db -> ([String: Int64], [Int64]) in
            try db.execute(sql: """
                INSERT INTO dataset (name, title, judgements_per_item, practice_count, created_at) VALUES ('d', 'D', 3, 0, ?);
                INSERT INTO category (dataset_id, idx, name) VALUES (1, 0, 'x'), (1, 1, 'y');
                """, arguments: [created])
            var ids: [Int64] = []
            for index in 0..<items {
                try db.execute(sql: "INSERT INTO image (sha256, bytes, width, height, format) VALUES (?, ?, 1, 1, 'png')",
                               arguments: [String(repeating: String(index % 10), count: 64), Data([UInt8(index)])])
                try db.execute(sql: "INSERT INTO item (dataset_id, image_id, category_idx, split, source) VALUES (1, ?, ?, 'test', ?)",
                               arguments: [db.lastInsertedRowID, index % 2, "\(index)"])
                ids.append(db.lastInsertedRowID)
            }
            var annotators: [String: Int64] = [:]
            for name in ["a", "b", "c", "d", "e"] {
                try db.execute(sql: "INSERT INTO annotator (name, dataset_id, token_hash, created_at) VALUES (?, 1, ?, ?)",
                               arguments: [name, String(repeating: name, count: 64), created])
                annotators[name] = db.lastInsertedRowID
            }
            return (annotators, ids)
        }
        return (store, annotators, ids)
    }

    /// Inserts a test judgement as the server would, in the dataset's study once studies
    /// exist (a test that migrates step by step calls this before migration 0007 too).
    func judge(_ db: Database, _ annotator: Int64, _ item: Int64, superseded: Bool = false) throws {
        let study = try db.columns(in: "judgement").contains { $0.name == "study_id" }
        try db.execute(sql: """
            INSERT INTO judgement (uuid, annotator_id, item_id, guesses, submitted_at, phase, superseded_at\(study ? ", study_id" : ""))
            VALUES (?, ?, ?, '[0]', '2026-01-01T00:00:00.000Z', 'test', ?\(study ? ", (SELECT min(id) FROM study)" : ""))
            """, arguments: [UUID().uuidString, annotator, item, superseded ? "2026-01-01T00:01:00.000Z" : nil])
    }

    func lease(_ db: Database, _ annotator: Int64, _ item: Int64, expires: String) throws {
        try db.execute(sql: """
            INSERT INTO assignment (annotator_id, item_id, leased_at, expires_at, study_id) VALUES (?, ?, ?, ?, (SELECT min(id) FROM study))
            """, arguments: [annotator, item, "2026-01-01T00:00:00.000Z", expires])
    }

    /// Vigna's SplitMix64, first output, written out here apart from SeededRandom.SplitMix64; the
    /// seed packs the annotator id above the item id.
    func referenceRank(item: Int64, annotator: Int64) -> UInt64 {
        var z = (UInt64(annotator) << 32 ^ UInt64(item)) &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    @Test func spreadGivesLeastLoadedFirstAndFillMostLoadedFirstThenTheAnnotatorsSeededOrder() async throws {
        let dir = TemporaryDirectory()
        let (store, who, item) = try study(in: dir, items: 10)
        let a = who["a"]!, b = who["b"]!, c = who["c"]!, d = who["d"]!
        let now = "2026-06-01T00:00:00.000Z", later = "2026-06-01T00:10:00.000Z", earlier = "2026-05-31T23:50:00.000Z"
        try await store.pool.write { db in
            try judge(db, b, item[1]); try judge(db, c, item[1])                 // load 2
            try judge(db, b, item[2]); try judge(db, c, item[2], superseded: true) // load 1: the undone one does not count
            try judge(db, a, item[3])                                            // judged by a: never again
            try lease(db, b, item[4], expires: later)                            // load 1 while b holds it
            try lease(db, b, item[5], expires: earlier)                          // expired lease: load 0
            for judge_ in [b, c, d] { try judge(db, judge_, item[6]) }          // full
            try lease(db, a, item[7], expires: later)                            // a holds it already
            try lease(db, b, item[9], expires: later); try lease(db, c, item[9], expires: later) // load 2 from leases alone
            try judge(db, b, item[0]); try judge(db, c, item[0]); try lease(db, d, item[0], expires: later) // load 3: full
        }
        // By hand: load 0 = {5, 8}, load 1 = {2, 4}, load 2 = {1, 9}; each pair in a's seeded order.
        func seeded(_ pair: [Int64], for annotator: Int64) -> [Int64] {
            pair.sorted { referenceRank(item: $0, annotator: annotator) < referenceRank(item: $1, annotator: annotator) }
        }
        let spread = seeded([item[5], item[8]], for: a) + seeded([item[2], item[4]], for: a) + seeded([item[1], item[9]], for: a)
        let fill = seeded([item[1], item[9]], for: a) + seeded([item[2], item[4]], for: a) + seeded([item[5], item[8]], for: a)
        for (order, expected) in [("spread", spread), ("fill", fill)] {
            _ = try Shell.sqlite(dir.path("db.sqlite"), "UPDATE study SET assignment_order = '\(order)'")
            for wanted in 1...8 {
                let picks = try await store.pool.read { db in
                    try AssignmentBoard(db, rules: StudyRules(db, studyID: 1), leases: LeaseBook(db, maxHoldSeconds: 1800), now: now)
                        .testItems(db, for: a, now: now, wanted: wanted)
                }
                #expect(picks == Array(expected.prefix(wanted)), "\(order), wanted \(wanted)")
            }
        }
        // Over 200 equal items, each annotator gets exactly the reference order for them,
        // and two annotators' orders differ.
        let wideDir = TemporaryDirectory()
        let (wide, people, wideItems) = try study(in: wideDir, items: 200)
        let orderFor = { (annotator: Int64) in
            try wide.pool.read { db in
                try AssignmentBoard(db, rules: StudyRules(db, studyID: 1), leases: LeaseBook(maxHoldSeconds: 1800), now: now).testItems(db, for: annotator, now: now, wanted: 200)
            }
        }
        let first = try orderFor(people["a"]!), second = try orderFor(people["e"]!)
        #expect(first == wideItems.sorted { referenceRank(item: $0, annotator: people["a"]!) < referenceRank(item: $1, annotator: people["a"]!) })
        #expect(second == wideItems.sorted { referenceRank(item: $0, annotator: people["e"]!) < referenceRank(item: $1, annotator: people["e"]!) })
        #expect(first != second)
    }

    /// Where the desk's kept board and one loaded afresh from the database and the lease book disagree, for
    /// each account: on its practice count and on its whole order of test items.
    func boardDisagreements(_ desk: StudyDesk, _ accounts: [Annotator], itemCount: Int, at moment: String) async throws -> [String] {
        try await desk.batcher.perform { db, transaction in
            let now = Timestamp.string(from: desk.clock())
            let rules = try StudyRules(db, studyID: 1)
            let kept = try desk.boards.board(db, transaction, rules: rules, now: now)
            let fresh = try AssignmentBoard(db, rules: rules, leases: desk.boards.leases(db, transaction), now: now)
            var found: [String] = []
            for account in accounts {
                let practice = try kept.practiceDone(db, annotator: account.id)
                let counted = try Assigner.liveJudgementCount(db, annotatorID: account.id, studyID: 1, phase: .practice)
                if practice != counted { found.append("\(moment), \(account.name): practice \(practice) vs \(counted)") }
                let ours = try kept.testItems(db, for: account.id, now: now, wanted: itemCount)
                let reference = try fresh.testItems(db, for: account.id, now: now, wanted: itemCount)
                if ours != reference { found.append("\(moment), \(account.name): \(ours) vs \(reference)") }
            }
            return found
        }
    }

    /// The dataset counts the writer keeps (practice items, categories, tree nodes, a catch
    /// split) are what counting afresh gives, and follow a change another connection commits.
    @Test func theWritersDatasetCountsAgreeWithCountingAfresh() async throws {
        let dir = TemporaryDirectory()
        let (store, who, _) = try study(in: dir, items: 6, practice: 2)
        let account = try await store.pool.read { db in try Store.annotator(db, id: who["a"]!) }
        let desk = StudyDesk(store: try Store(path: dir.path("db.sqlite"), concurrentReaders: true))
        defer { desk.shutdown() }
        func keptAndFresh() async throws -> [[String]] {
            try await desk.batcher.perform { db, transaction in
                let kept = try desk.boards.counts(db, transaction, datasetID: 1), fresh = try DatasetCounts(db, datasetID: 1)
                return [kept, fresh].map { ["\($0.practiceItems)", "\($0.categories)", "\($0.nodes)", "\($0.hasCatchItems)"] }
            }
        }
        _ = try await desk.next(for: account, count: 1)  // a lease reads the counts through the writer's memo
        var both = try await keptAndFresh()
        #expect(both == [["2", "2", "0", "false"], ["2", "2", "0", "false"]])
        // Another process (sqlite3) adds a practice item, a category and a catch item.
        _ = try Shell.sqlite(dir.path("db.sqlite"), """
            INSERT INTO category (dataset_id, idx, name) VALUES (1, 2, 'z');
            INSERT INTO item (dataset_id, image_id, category_idx, split, source) SELECT 1, image_id, 0, 'practice', 'p9' FROM item LIMIT 1;
            INSERT INTO item (dataset_id, image_id, category_idx, split, source) SELECT 1, image_id, 1, 'catch', 'c9' FROM item LIMIT 1;
            """)
        both = try await keptAndFresh()
        #expect(both == [["3", "3", "0", "true"], ["3", "3", "0", "true"]])
    }

    /// The study rules the writer reads once per transaction are what reading afresh gives:
    /// after an admin's edit (a transaction of its own) and after a job of the same
    /// transaction freezes the protocol.
    @Test func theWritersStudyRulesAgreeWithReadingAfreshThroughATransaction() async throws {
        let dir = TemporaryDirectory()
        let (_, who, _) = try study(in: dir, items: 6)
        let desk = StudyDesk(store: try Store(path: dir.path("db.sqlite"), concurrentReaders: true))
        defer { desk.shutdown() }
        let account = try await desk.store.pool.read { db in try Store.annotator(db, id: who["a"]!) }
        let studyID = try #require(account.studyID), studyName = try #require(account.study)
        @Sendable func keptAndFresh(_ db: Database, _ transaction: WriteTransaction) throws -> [String] {
            let kept = try desk.boards.rules(db, transaction, studyID: studyID), fresh = try StudyRules(db, studyID: studyID)
            return [kept, fresh].map { "max guesses \($0.settings.maxGuesses), frozen \($0.frozen), closed \($0.closed)" }
        }
        let lease = try await desk.next(for: account, count: 1)  // the rules are read in this transaction
        _ = try desk.store.editStudy(name: studyName, title: nil, settings: { $0.maxGuesses = 2 })
        let states = try await desk.batcher.perform { db, transaction in
            var states = [try keptAndFresh(db, transaction)]
            _ = try JudgementRecorder.record(db, transaction, JudgementSubmission(uuid: UUID().uuidString, item: lease[0].handle, guesses: [0]),
                                             by: account, now: Date(), boards: desk.boards)
            states.append(try keptAndFresh(db, transaction))
            return states
        }
        #expect(states[0] == Array(repeating: "max guesses 2, frozen false, closed false", count: 2))
        #expect(states[1] == Array(repeating: "max guesses 2, frozen true, closed false", count: 2))
    }

    /// A lease names each item by its handle in the annotator's study, as sqlite3 reads it
    /// from item_handle: the board keeps the handles, and two studies of one dataset differ.
    @Test func aLeaseNamesItsItemsByTheirHandlesInTheAnnotatorsStudy() async throws {
        let dir = TemporaryDirectory()
        let (store, who, _) = try study(in: dir, items: 6)
        let second = try store.createStudy(name: "second", dataset: "d", title: nil, settings: DatasetSettings(judgementsPerItem: 3, practiceCount: 0))
        _ = try store.enrolAnnotator(name: "b", study: "second")
        let desk = StudyDesk(store: try Store(path: dir.path("db.sqlite"), concurrentReaders: true))
        defer { desk.shutdown() }
        for name in ["a", "b"] {
            let account = try await desk.store.pool.read { db in try Store.annotator(db, id: who[name]!) }
            let studyID = try #require(account.studyID)
            #expect(account.study == (name == "b" ? second.name : "d"))
            let leases = try await desk.next(for: account, count: 6)
            #expect(leases.count == 6)
            for lease in leases {
                let stored = try Shell.sqlite(dir.path("db.sqlite"),
                                              "SELECT handle FROM item_handle WHERE study_id = \(studyID) AND item_id = \(lease.itemID)")
                #expect(lease.handle == stored)
            }
        }
    }

    @Test func aLeaseRenewedByItselfStaysHeldOnTheBoard() async throws {
        let dir = TemporaryDirectory()
        let (store, who, items) = try study(in: dir, items: 4)
        let accounts = try ["a", "b"].map { name in try store.pool.read { db in try Store.annotator(db, id: who[name]!) } }
        let clock = TestClock()
        let desk = StudyDesk(store: try Store(path: dir.path("db.sqlite"), concurrentReaders: true), leaseSeconds: 1, clock: clock.read)
        defer { desk.shutdown() }
        let first = try await desk.next(for: accounts[0], count: 1)
        #expect(first.first?.expiresAt == Timestamp.string(from: clock.now.addingTimeInterval(1)))
        clock.advance(seconds: 0.6)
        // Asking again returns the same lease, renewed from now, and wants nothing new.
        let renewed = try await desk.next(for: accounts[0], count: 1)
        #expect(renewed.map(\.itemID) == first.map(\.itemID))
        #expect(renewed.first?.expiresAt == Timestamp.string(from: clock.now.addingTimeInterval(1)))
        clock.advance(seconds: 0.6)  // past the first expiry, before the renewed one
        #expect(try await boardDisagreements(desk, accounts, itemCount: items.count, at: "after the renewal") == [])
    }

    @Test func renewalsStopAtTheHoldLimitAndTheItemGoesToSomeoneElse() async throws {
        let dir = TemporaryDirectory()
        let (store, who, _) = try study(in: dir, items: 2)
        let accounts = try ["a", "b"].map { name in try store.pool.read { db in try Store.annotator(db, id: who[name]!) } }
        let clock = TestClock()
        let start = clock.now
        // Leases of 10 s, renewable to 30 s after they were taken.
        let desk = StudyDesk(store: try Store(path: dir.path("db.sqlite"), concurrentReaders: true), leaseSeconds: 10,
                             maxHoldSeconds: 30, clock: clock.read)
        defer { desk.shutdown() }
        let taken = try #require(try await desk.next(for: accounts[0], count: 1).first)
        var expiries: [String] = []
        for _ in 0..<3 {
            clock.advance(seconds: 9)  // at 9, 18 and 27 s: renewed to 19, 28 and then 30 (the limit), not 37
            let renewed = try await desk.next(for: accounts[0], count: 1)
            #expect(renewed.map(\.itemID) == [taken.itemID])
            expiries += renewed.map(\.expiresAt)
        }
        #expect(expiries == [19, 28, 30].map { Timestamp.string(from: start.addingTimeInterval($0)) })
        clock.advance(seconds: 4)  // 31 s: the lease has lapsed and cannot be renewed or taken again by a
        let after = try await desk.next(for: accounts[0], count: 1)
        #expect(!after.map(\.itemID).contains(taken.itemID))
        #expect(try await desk.next(for: accounts[1], count: 2).map(\.itemID).contains(taken.itemID))
    }

    @Test func theWritersBoardAgreesWithAFreshlyLoadedOneThroughoutAStudy() async throws {
        let dir = TemporaryDirectory()
        let (store, who, items) = try study(in: dir, items: 30, practice: 2)
        let outsider = try Store(path: dir.path("db.sqlite"))  // another connection, as a CLI would be
        let people = who.keys.sorted()
        let accounts = try people.map { name in try store.pool.read { db in try Store.annotator(db, id: who[name]!) } }
        // One-second leases, so some expire while the study runs.
        let clock = TestClock()
        let desk = StudyDesk(store: try Store(path: dir.path("db.sqlite"), concurrentReaders: true), leaseSeconds: 1, clock: clock.read)
        defer { desk.shutdown() }
        var generator = SplitMix64(seed: 7)
        var disagreements: [String] = []
        for step in 0..<400 {
            let account = accounts[generator.uniform(below: accounts.count)]
            switch generator.uniform(below: 10) {
            case 0...5:
                for assignment in try await desk.next(for: account, count: 1 + generator.uniform(below: 3))
                where generator.uniform(below: 3) > 0 {
                    _ = try await desk.record(JudgementSubmission(uuid: UUID().uuidString, item: assignment.handle, guesses: [0]), by: account)
                }
            case 6:
                let latest = try await store.pool.read { db in
                    try String.fetchOne(db, sql: "SELECT uuid FROM live_judgement WHERE annotator_id = ? ORDER BY id DESC LIMIT 1",
                                        arguments: [account.id])
                }
                if let latest { _ = try? await desk.undo(uuid: latest, by: account) }  // the outsider's old ones are refused
            case 7:
                // A change the writer did not make: an item filled behind its back.
                let item = items[generator.uniform(below: items.count)]
                try await outsider.pool.write { db in
                    for other in accounts where try Int.fetchOne(db, sql: """
                        SELECT count(*) FROM live_judgement WHERE annotator_id = ? AND item_id = ?
                        """, arguments: [other.id, item]) == 0 {
                        try judge(db, other.id, item)
                        break
                    }
                }
            default:
                clock.advance(seconds: 0.15)
            }
            disagreements += try await boardDisagreements(desk, accounts, itemCount: items.count, at: "step \(step)")
        }
        #expect(disagreements.isEmpty, "\(disagreements.count) disagreements, first: \(disagreements.first ?? "")")
        // The study really ran: judgements stored, and some undone.
        let judged = try Shell.sqlite(dir.path("db.sqlite"), "SELECT count(*) FROM judgement WHERE superseded_at IS NULL")
        let undone = try Shell.sqlite(dir.path("db.sqlite"), "SELECT count(*) FROM judgement WHERE superseded_at IS NOT NULL")
        #expect(Int(judged)! > 40 && Int(undone)! > 5, "\(judged) live, \(undone) undone")
    }

    @Test func migrationFourDropsTheStoredCountsAndKeepsEveryJudgement() throws {
        // A database at 0003, with judgements counted by its triggers, moves to 0004.
        let older = Array(try Migration.bundled().prefix(3))
        let dir = TemporaryDirectory()
        let (store, who, item) = try olderStudy(in: dir, items: 4, migrations: older)
        try store.pool.write { db in
            try judge(db, who["a"]!, item[0]); try judge(db, who["b"]!, item[0]); try judge(db, who["c"]!, item[0], superseded: true)
            try judge(db, who["a"]!, item[2])
        }
        let path = dir.path("db.sqlite")
        #expect(try Shell.sqlite(path, "SELECT group_concat(live_judgements, ',') FROM (SELECT live_judgements FROM item ORDER BY id)") == "2,0,1,0")
        let migrated = try Store(path: path)
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM pragma_table_info('item') WHERE name = 'live_judgements'") == "0")
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM sqlite_schema WHERE type IN ('trigger', 'index') AND sql LIKE '%live_judgements%'") == "0")
        #expect(try Shell.sqlite(path, "SELECT count(*) || ',' || sum(superseded_at IS NOT NULL) FROM judgement") == "4,1")
        // Without triggers, a judgement no longer touches its item's row.
        try migrated.pool.write { db in try judge(db, who["d"]!, item[1]) }
        #expect(try Shell.sqlite(path, "PRAGMA integrity_check") == "ok")
        // The board's counts, now loaded by counting, are the live judgements per item: by hand 2, 1, 1, 0.
        let board = try migrated.pool.read { db in
            try AssignmentBoard(db, rules: StudyRules(db, studyID: 1), leases: LeaseBook(maxHoldSeconds: 1800), now: "2026-01-01T00:00:00.000Z")
        }
        let offered = try migrated.pool.read { db in try board.testItems(db, for: who["e"]!, now: "2026-01-01T00:00:00.000Z", wanted: 4) }
        // Least loaded first: item 3 (0), then items 1 and 2 (1 each, in e's seeded order), then item 0 (2).
        #expect(offered.first == item[3] && offered.last == item[0] && Set(offered[1...2]) == [item[1], item[2]])
        // 0007 carried the dataset over as its first study: its settings, every annotator taking
        // part, every judgement attached to it, and frozen since its first test judgement.
        #expect(try Shell.sqlite(path, "SELECT name || ',' || title || ',' || judgements_per_item || ',' || practice_count || ',' || frozen_at FROM study")
                == "d,D,3,0,2026-01-01T00:00:00.000Z")
        #expect(try Shell.sqlite(path, "SELECT group_concat(annotator_id) FROM (SELECT annotator_id FROM participant WHERE study_id = 1 ORDER BY annotator_id)")
                == ["a", "b", "c", "d", "e"].map { "\(who[$0]!)" }.joined(separator: ","))
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM judgement WHERE study_id IS NOT 1") == "0")
        let annotator = try #require(try migrated.annotators().first { $0.name == "e" })
        #expect(annotator.study == "d" && annotator.dataset == "d")
    }
}
