// WALSyncer: the second half of a pipelined group commit. The writer commits a batch
// without waiting for the disk (synchronous=NORMAL) and hands its callers here; this
// thread fsyncs the write-ahead log and only then wakes them. While one batch's fsync
// runs, the writer is already executing the next batch, so the disk wait and the SQL
// work overlap instead of adding up.
//
// Why an acknowledged write is still durable: in WAL mode a transaction is recovered
// after power loss exactly when its frames, commit frame included, are on disk. The
// fsync here starts after the batch's COMMIT returned, so it covers those frames; a
// checkpoint that runs first fsyncs the log itself before copying it (SQLite does so at
// NORMAL too), so the frames are never overwritten unsynced. Callers are woken only
// after the fsync succeeded; if it fails they get an error, and a retry of the same
// judgement (same uuid) answers with the stored one.
import Foundation
import GRDB
import GRDBSQLite

final class WALSyncer: @unchecked Sendable {
    /// What a caller waits on: woken once its write is on disk (or cannot be made so).
    typealias Waiter = (_ failure: (any Error)?) -> Void

    private let worker = WorkerThread(name: "refhuman.walsync")
    // Guarded by `worker`.
    private var waiting: [Waiter] = []
    private var log: UnsafeMutablePointer<sqlite3_file>?
    /// Called on the syncer's thread after each fsync, before its waiters are woken.
    private let onSynced: @Sendable () -> Void

    init(onSynced: @escaping @Sendable () -> Void) {
        self.onSynced = onSynced
        worker.start { [self] in run() }
    }

    /// The write-ahead log's file as SQLite holds it open for `db`'s connection. Syncing
    /// through SQLite's own handle, not a second descriptor, keeps this process's POSIX
    /// locks intact (closing any descriptor of a file drops them all) and always reaches
    /// the log SQLite is writing.
    static func writeAheadLog(of db: Database) -> UnsafeMutablePointer<sqlite3_file>? {
        var file: UnsafeMutablePointer<sqlite3_file>?
        let code = sqlite3_file_control(db.sqliteConnection, "main", SQLITE_FCNTL_JOURNAL_POINTER, &file)
        return code == SQLITE_OK ? file : nil
    }

    /// Wakes `waiters` after the next fsync of `log`, which must belong to a connection
    /// that stays open until `shutdown()` returns. Without a log (SQLite would not name
    /// it) the last one given is synced, and if there was none the waiters get an error:
    /// a committed batch is never answered before a sync.
    func enqueue(_ waiters: [Waiter], log: UnsafeMutablePointer<sqlite3_file>?) {
        worker.wake {
            waiting += waiters
            if let log { self.log = log }
        }
    }

    /// Syncs what is waiting, then ends the thread.
    func shutdown() { worker.stop() }

    private func run() {
        while true {
            let ((batch, file), _) = worker.awaitWork(until: { !waiting.isEmpty }) {
                defer { waiting.removeAll() }
                return (waiting, log)
            }
            if batch.isEmpty { break }  // stopping, and nothing left to sync
            var failure: (any Error)?
            if let file, let sync = file.pointee.pMethods?.pointee.xSync {
                let code = sync(file, SQLITE_SYNC_FULL)
                if code != SQLITE_OK { failure = StorageError.invalid("the write could not be made durable (fsync failed, SQLite code \(code))") }
            } else {
                failure = StorageError.invalid("the write-ahead log cannot be synced")
            }
            onSynced()
            for waiter in batch { waiter(failure) }
        }
    }
}
