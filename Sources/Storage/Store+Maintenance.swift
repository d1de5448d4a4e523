// Store+Maintenance: an online backup and the health checks an operator runs.
import Foundation
import GRDB

extension Store {
    /// One line of `refhuman check`.
    public struct CheckLine: Sendable, Encodable {
        public let check: String
        public let passed: Bool
        public let detail: String
    }

    /// Copies the whole database to a new file at `destination` through SQLite's backup
    /// API, as one consistent snapshot even while a server writes. The copy is written
    /// beside the destination and renamed into place, so a failed backup leaves nothing.
    public func backup(to destination: String) throws {
        guard !FileManager.default.fileExists(atPath: destination) else { throw StorageError.backupExists(path: destination) }
        let partial = destination + ".partial"
        try? FileManager.default.removeItem(atPath: partial)
        do {
            let copy = try DatabaseQueue(path: partial)
            try pool.backup(to: copy)
            try copy.close()
            try FileManager.default.moveItem(atPath: partial, toPath: destination)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw StorageError.cannotBackUp(path: destination, reason: "\(error)")
        }
    }

    /// SQLite's integrity check, the foreign keys, and the schema version against this build's.
    public func check() throws -> [CheckLine] {
        try pool.read { db in
            let integrity = try String.fetchAll(db, sql: "PRAGMA integrity_check")
            let orphans = try Row.fetchAll(db, sql: "PRAGMA foreign_key_check")
            let version = try Int.fetchOne(db, sql: "SELECT max(version) FROM schema_migration") ?? 0
            let known = try Migration.bundled().last?.version ?? 0
            return [
                CheckLine(check: "integrity", passed: integrity == ["ok"],
                          detail: integrity == ["ok"] ? "ok" : integrity.prefix(3).joined(separator: "; ")),
                CheckLine(check: "foreign keys", passed: orphans.isEmpty,
                          detail: orphans.isEmpty ? "ok" : "\(orphans.count) row(s) point at nothing, first in table \(orphans[0]["table"] as String)"),
                CheckLine(check: "schema version", passed: version == known,
                          detail: "\(version) (this refhuman's is \(known))"),
            ]
        }
    }
}
