// Migrator: applies migrations/*.sql in order, each in its own transaction, and
// refuses databases whose history disagrees with the code (edited or newer).
import Foundation
import GRDB

struct Migrator {
    let migrations: [Migration]

    func migrate(_ writer: some DatabaseWriter) throws {
        try writer.write { db in
            try db.execute(sql: """
                CREATE TABLE IF NOT EXISTS schema_migration (
                    version    INTEGER PRIMARY KEY,
                    name       TEXT NOT NULL,
                    checksum   TEXT NOT NULL,
                    applied_at TEXT NOT NULL)
                """)
        }
        let applied = try writer.read { db in
            try Row.fetchAll(db, sql: "SELECT version, name, checksum FROM schema_migration ORDER BY version")
        }
        let known = Dictionary(uniqueKeysWithValues: migrations.map { ($0.version, $0) })
        let newestKnown = migrations.last?.version ?? 0
        for row in applied {
            let version: Int = row["version"]
            guard let migration = known[version] else {
                throw StorageError.databaseNewerThanCode(version: version, known: newestKnown)
            }
            if migration.checksum != row["checksum"] as String {
                throw StorageError.migrationEdited(name: migration.name)
            }
        }
        let appliedVersions = Set(applied.map { $0["version"] as Int })
        for migration in migrations where !appliedVersions.contains(migration.version) {
            if migration.needsForeignKeysOff {
                try applyWithForeignKeysOff(migration, writer)
            } else {
                // writer.write wraps the closure in one transaction: a failing file leaves no trace.
                try writer.write { db in
                    try db.execute(sql: migration.sql)
                    try record(migration, db)
                }
            }
        }
    }

    private func record(_ migration: Migration, _ db: Database) throws {
        try db.execute(
            sql: "INSERT INTO schema_migration (version, name, checksum, applied_at) VALUES (?, ?, ?, ?)",
            arguments: [migration.version, migration.name, migration.checksum, Timestamp.now()])
    }

    /// SQLite's procedure for rebuilding a table that others point at: foreign keys off
    /// (possible only outside a transaction), the change in one transaction, and a
    /// foreign_key_check that must come back empty before it commits. With foreign keys on,
    /// dropping the old table would cascade-delete every row that points at it.
    private func applyWithForeignKeysOff(_ migration: Migration, _ writer: some DatabaseWriter) throws {
        try writer.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA foreign_keys = OFF")
            defer { try? db.execute(sql: "PRAGMA foreign_keys = ON") }
            try db.inTransaction {
                try db.execute(sql: migration.sql)
                if let broken = try Row.fetchOne(db, sql: "PRAGMA foreign_key_check") {
                    throw StorageError.migrationBrokeReferences(name: migration.name, table: broken[0])
                }
                try record(migration, db)
                return .commit
            }
        }
    }
}
