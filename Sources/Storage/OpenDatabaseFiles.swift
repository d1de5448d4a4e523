// OpenDatabaseFiles: the database files this process has open through a Store.
// POSIX record locks belong to the process, not to a descriptor: closing any descriptor
// of a file drops every lock the process holds on it, SQLite's included. Another process
// (`sqlite3`, a second `refhuman`) then sees nobody else holding the database, checkpoints
// and deletes the WAL under the live connections, and their later commits go to a file
// that no longer exists. So the header check, which opens the file outside SQLite, runs
// only while no Store of this process has that file open.
import Foundation
import Synchronization

final class OpenDatabaseFiles: Sendable {
    static let shared = OpenDatabaseFiles()

    private let openCounts = Mutex<[String: Int]>([:])

    /// Records one more Store on `path`; `firstOpen` runs (under the lock, so no other
    /// Store can open the file meanwhile) only when none is open yet.
    func register(_ path: String, firstOpen: () throws -> Void) throws {
        let key = Self.key(path)
        try openCounts.withLock { counts in
            if counts[key, default: 0] == 0 { try firstOpen() }
            counts[key, default: 0] += 1
        }
    }

    func unregister(_ path: String) {
        let key = Self.key(path)
        openCounts.withLock { counts in
            counts[key, default: 1] -= 1
            if counts[key] == 0 { counts[key] = nil }
        }
    }

    /// One key per file however it is named: relative, through symlinks, or with `..`.
    private static func key(_ path: String) -> String {
        URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
    }
}
