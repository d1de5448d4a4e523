// StoreTests: connection settings, the migrator's refusals, and atomic imports.
import Foundation
import GRDB
@testable import Storage
import Testing
import TestSupport

@Suite struct StoreTests {
    @Test func connectionsUseWALForeignKeysFullSyncAndABusyTimeout() throws {
        let dir = TemporaryDirectory()
        for concurrent in [false, true] {
            let store = try Store(path: dir.path("db-\(concurrent).sqlite"), concurrentReaders: concurrent)
            let settings: [String] = try store.pool.write { db in
                try ["journal_mode", "foreign_keys", "synchronous", "busy_timeout"].map { pragma in
                    try String.fetchOne(db, sql: "PRAGMA \(pragma)") ?? "nil"
                }
            }
            // synchronous 2 is FULL; busy_timeout is in milliseconds.
            #expect(settings == ["wal", "1", "2", "10000"], "concurrentReaders: \(concurrent)")
        }
    }

    @Test func everyMigrationIsRecordedWithTheChecksumOfItsFile() throws {
        let dir = TemporaryDirectory()
        _ = try Store(path: dir.path("db.sqlite"))
        let directory = Shell.repositoryRoot.appendingPathComponent("migrations")
        let names = try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasSuffix(".sql") }.sorted()
        #expect(names.count >= 2)
        let expected = try names.map { name in
            "\(Int(name.prefix(4))!) \(name) \(try Shell.sha256sum(directory.appendingPathComponent(name).path))"
        }
        #expect(try Shell.sqlite(dir.path("db.sqlite"), "SELECT version || ' ' || name || ' ' || checksum FROM schema_migration ORDER BY version")
            == expected.joined(separator: "\n"))
    }

    @Test func editedMigrationIsRefused() throws {
        let dir = TemporaryDirectory()
        let original = [Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x);")]
        _ = try Store(path: dir.path("db.sqlite"), migrations: original)
        let edited = [Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x, y);")]
        #expect(throws: StorageError.migrationEdited(name: "0001_a.sql")) {
            _ = try Store(path: dir.path("db.sqlite"), migrations: edited)
        }
        #expect(String(describing: StorageError.migrationEdited(name: "0001_a.sql")).contains("edited"))
    }

    @Test func databaseNewerThanTheCodeIsRefused() throws {
        let dir = TemporaryDirectory()
        let one = Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x);")
        let two = Migration(version: 2, name: "0002_b.sql", sql: "CREATE TABLE b (x);")
        _ = try Store(path: dir.path("db.sqlite"), migrations: [one, two])
        #expect(throws: StorageError.databaseNewerThanCode(version: 2, known: 1)) {
            _ = try Store(path: dir.path("db.sqlite"), migrations: [one])
        }
    }

    @Test func failingMigrationLeavesNoTrace() throws {
        let dir = TemporaryDirectory()
        let one = Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x);")
        let broken = Migration(version: 2, name: "0002_b.sql", sql: "CREATE TABLE b (x); INSERT INTO nowhere VALUES (1);")
        #expect(throws: (any Error).self) { _ = try Store(path: dir.path("db.sqlite"), migrations: [one, broken]) }
        let db = dir.path("db.sqlite")
        #expect(try Shell.sqlite(db, "SELECT group_concat(version) FROM schema_migration") == "1")
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM sqlite_master WHERE name = 'b'") == "0")
        // Fixed, it applies on the next open.
        let fixed = Migration(version: 2, name: "0002_b.sql", sql: "CREATE TABLE b (x);")
        _ = try Store(path: db, migrations: [one, fixed])
        #expect(try Shell.sqlite(db, "SELECT group_concat(version) FROM schema_migration") == "1,2")
    }

    @Test func migrationFileNamesNeedFourDigitsAndAnUnderscore() {
        #expect(Migration.version(ofFileName: "0001_initial.sql") == 1)
        #expect(Migration.version(ofFileName: "0012_more.sql") == 12)
        #expect(Migration.version(ofFileName: "1_initial.sql") == nil)
        #expect(Migration.version(ofFileName: "0001initial.sql") == nil)
        #expect(Migration.version(ofFileName: "0001_initial.txt") == nil)
    }

    @Test func importThatThrowsMidwayChangesNothing() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", categories: [CategoryDescription(name: "a"), CategoryDescription(name: "b")])
        struct Stop: Error {}
        #expect(throws: Stop.self) {
            try store.importDataset(description, replace: false) { writer in
                try writer.addItem(image: StoredImage(bytes: Data([1, 2, 3]), width: 1, height: 1, format: "png"),
                                   categoryIndex: 0, split: .test, source: "0")
                throw Stop()
            }
        }
        #expect(try Shell.sqlite(dir.path("db.sqlite"), "SELECT (SELECT count(*) FROM dataset) + (SELECT count(*) FROM image)") == "0")
    }

    @Test func aTestImageAnnotatorsSawWithItsLabelIsRefusedUnlessAllowed() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", categories: [CategoryDescription(name: "a")])
        let seen = StoredImage(bytes: Data([7]), width: 1, height: 1, format: "png")
        let other = StoredImage(bytes: Data([8]), width: 1, height: 1, format: "png")
        // Either order: the example (or practice) item first, or the test item first.
        for (first, second) in [((Split.example, "e1"), (Split.test, "t1")), ((Split.test, "t1"), (Split.practice, "p1"))] {
            let otherItem = first.0 == .test ? second : first
            #expect(throws: StorageError.testImageShown(dataset: "d", testSource: "t1", otherSource: otherItem.1, otherSplit: otherItem.0.rawValue)) {
                try store.importDataset(description, replace: false) { writer in
                    try writer.addItem(image: other, categoryIndex: 0, split: .test, source: "t0")
                    try writer.addItem(image: seen, categoryIndex: 0, split: first.0, source: first.1)
                    try writer.addItem(image: seen, categoryIndex: 0, split: second.0, source: second.1)
                }
            }
            #expect(try Shell.sqlite(dir.path("db.sqlite"), "SELECT (SELECT count(*) FROM dataset) + (SELECT count(*) FROM image)") == "0")
        }
        // Practice and example may share an image, and two test items may; the flag lets a shared test image in, counted.
        let shared = try store.importDataset(description, replace: false) { writer in
            writer.allowsSharedTestImages = true
            try writer.addItem(image: other, categoryIndex: 0, split: .practice, source: "p0")
            try writer.addItem(image: other, categoryIndex: 0, split: .example, source: "e0")
            try writer.addItem(image: seen, categoryIndex: 0, split: .test, source: "t1")
            try writer.addItem(image: seen, categoryIndex: 0, split: .test, source: "t2")
            try writer.addItem(image: seen, categoryIndex: 0, split: .example, source: "e1")
            return writer.sharedTestImages
        }
        #expect(shared == 1)
        #expect(try Shell.sqlite(dir.path("db.sqlite"), "SELECT count(*) FROM item") == "5")
    }

    @Test func duplicateSourceAndUnknownCategoryAreRefusedByTheStore() throws {
        let dir = TemporaryDirectory()
        let store = try Store(path: dir.path("db.sqlite"))
        let description = DatasetDescription(name: "d", categories: [CategoryDescription(name: "a")])
        let image = StoredImage(bytes: Data([9]), width: 1, height: 1, format: "png")
        #expect(throws: StorageError.duplicateSource(dataset: "d", source: "x")) {
            try store.importDataset(description, replace: false) { writer in
                try writer.addItem(image: image, categoryIndex: 0, split: .test, source: "x")
                try writer.addItem(image: image, categoryIndex: 0, split: .test, source: "x")
            }
        }
        // The foreign key from item to category catches a label the importers missed.
        #expect(throws: DatabaseError.self) {
            try store.importDataset(description, replace: false) { writer in
                try writer.addItem(image: image, categoryIndex: 5, split: .test, source: "y")
            }
        }
    }

    /// A second Store on an open file used to read its header through a descriptor of its
    /// own; closing that descriptor dropped the process's SQLite locks, the next `sqlite3`
    /// deleted the WAL under the live connection, and later commits were lost.
    @Test func openingTheSameFileTwiceKeepsEveryCommitVisibleToOtherProcesses() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let first = try Store(path: path, migrations: [Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x);")])
        try first.pool.write { db in try db.execute(sql: "INSERT INTO a VALUES (1)") }
        let second = try Store(path: dir.path("./db.sqlite"), migrations: [Migration(version: 1, name: "0001_a.sql", sql: "CREATE TABLE a (x);")])
        #expect(try Shell.sqlite(path, "SELECT group_concat(x) FROM a") == "1")
        try first.pool.write { db in try db.execute(sql: "INSERT INTO a VALUES (2)") }
        #expect(try Shell.sqlite(path, "SELECT group_concat(x) FROM a") == "1,2")
        try second.pool.write { db in try db.execute(sql: "INSERT INTO a VALUES (3)") }
        #expect(try Shell.sqlite(path, "SELECT group_concat(x) FROM a") == "1,2,3")
    }

    @Test func imageAddressIsTheSHA256OfItsBytes() throws {
        // Reference digest from coreutils: printf 'abc' | sha256sum
        #expect(ContentHash.sha256Hex(Data("abc".utf8)) == "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad")
    }
}
