// WALCheckpointer: copies the write-ahead log back into the database file on its own
// thread and its own connection, so the group-commit writer never does it. SQLite's
// automatic checkpoint runs inside the COMMIT that crosses the threshold: the single
// writer then spends milliseconds copying pages and fsyncing the database file while
// every judgement behind it waits. Here the writer's commit only notes the log's length
// (a WAL hook) and wakes this thread; a PASSIVE checkpoint neither blocks the writer nor
// waits for readers, and the writer restarts the log from its start once a checkpoint
// has copied all of it.
import Foundation
import GRDB
import GRDBSQLite

final class WALCheckpointer: @unchecked Sendable {
    /// SQLite's own default threshold for its automatic checkpoint, in log frames (pages).
    static let defaultThresholdFrames: Int32 = 1000

    /// Each time the log grows by this many frames, this thread is asked to checkpoint.
    let thresholdFrames: Int32
    /// Past this, the writer checkpoints itself after its commit, as SQLite would have.
    /// A log only starts again from its beginning when a transaction begins with all of it
    /// copied, and the writer begins its next transaction right after each commit, so
    /// copying in the background alone never catches up and the log would only grow.
    /// By now this thread has copied nearly all of it, so the writer's share is small.
    var restartFrames: Int32 { 8 * thresholdFrames }

    private let path: String
    private let worker = WorkerThread(name: "refhuman.checkpoint")
    // Guarded by `worker`.
    private var wanted = false
    private var framesAtLastRequest: Int32 = 0
    private var completed = 0
    private var failure: String?

    init(path: String, thresholdFrames: Int32 = defaultThresholdFrames) {
        self.path = path
        self.thresholdFrames = thresholdFrames
        worker.start { [self] in run() }
    }

    /// Hands the checkpoints of `db`'s connection to this thread: SQLite's automatic
    /// checkpoint is replaced by a hook that only asks for one. Call on the connection's queue.
    func takeOver(_ db: Database) {
        let context = Unmanaged.passUnretained(self).toOpaque()
        sqlite3_wal_hook(db.sqliteConnection, { context, connection, _, frames in
            guard let context else { return SQLITE_OK }
            let checkpointer = Unmanaged<WALCheckpointer>.fromOpaque(context).takeUnretainedValue()
            if frames >= checkpointer.restartFrames {
                sqlite3_wal_checkpoint(connection, nil)
            } else if frames >= checkpointer.thresholdFrames {
                checkpointer.logGrew(to: frames)
            }
            return SQLITE_OK
        }, context)
    }

    /// Gives `db`'s connection its automatic checkpoint back (this also removes the hook).
    static func handBack(_ db: Database) {
        sqlite3_wal_autocheckpoint(db.sqliteConnection, defaultThresholdFrames)
    }

    /// Checkpoints completed so far, and the last failure's message (none: nil).
    var progress: (checkpoints: Int, lastFailure: String?) { worker.locked { (completed, failure) } }

    /// Asks for a checkpoint each time the log has grown by another threshold's worth:
    /// each one fsyncs the database file, so one per commit would be mostly fsyncs.
    private func logGrew(to frames: Int32) {
        let due = worker.locked {
            if frames < framesAtLastRequest { framesAtLastRequest = 0 }  // the log started again
            return frames - framesAtLastRequest >= thresholdFrames
        }
        guard due else { return }
        worker.wake {
            framesAtLastRequest = frames
            wanted = true
        }
    }

    /// Ends the thread after any checkpoint under way; call after the writer has stopped.
    func shutdown() { worker.stop() }

    private func run() {
        var connection: OpaquePointer?
        if sqlite3_open_v2(path, &connection, SQLITE_OPEN_READWRITE | SQLITE_OPEN_NOMUTEX, nil) != SQLITE_OK {
            record(failure: connection.map { String(cString: sqlite3_errmsg($0)) } ?? "cannot open \(path)")
            sqlite3_close_v2(connection)
            connection = nil
        }
        // No busy timeout: a busy database just means the next request tries again.
        while true {
            let (_, stopping) = worker.awaitWork(until: { wanted }) { wanted = false }
            if stopping { break }
            guard let connection else { continue }
            let code = sqlite3_wal_checkpoint_v2(connection, "main", SQLITE_CHECKPOINT_PASSIVE, nil, nil)
            if code == SQLITE_OK {
                worker.locked { completed += 1 }
            } else if code != SQLITE_BUSY {
                record(failure: String(cString: sqlite3_errmsg(connection)))
            }
        }
        sqlite3_close_v2(connection)
    }

    private func record(failure message: String) { worker.locked { failure = message } }
}
