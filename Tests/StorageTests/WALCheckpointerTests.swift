// WALCheckpointerTests: with the writer's automatic checkpoint handed to its own thread,
// checkpoints still happen, the write-ahead log still starts over instead of growing
// without bound, and nothing written is lost.
import Foundation
import GRDB
@testable import Storage
import Testing
import TestSupport

@Suite struct WALCheckpointerTests {
    @Test func checkpointsRunOnTheirOwnThreadAndTheLogStaysBounded() throws {
        let dir = TemporaryDirectory()
        let path = dir.path("db.sqlite")
        let store = try Store(path: path, concurrentReaders: true)
        try store.pool.write { db in try db.execute(sql: "CREATE TABLE filler (id INTEGER PRIMARY KEY, payload BLOB NOT NULL)") }
        let pageSize = try store.pool.read { db in try Int.fetchOne(db, sql: "PRAGMA page_size")! }
        // A checkpoint asked for every 20 frames; the writer restarts the log past 160.
        let batcher = WriteBatcher(writer: store.pool, checkpointFrames: 20)
        var largestLog = 0
        for _ in 0..<300 {
            try batcher.perform { db in try db.execute(sql: "INSERT INTO filler (payload) VALUES (randomblob(3000))") }
            let size = (try? FileManager.default.attributesOfItem(atPath: path + "-wal")[.size] as? Int) ?? 0
            largestLog = max(largestLog, size ?? 0)
        }
        batcher.shutdown()
        let progress = batcher.checkpointer.progress
        #expect(progress.lastFailure == nil)
        #expect(progress.checkpoints > 0)
        // One row is at most a few pages: the log never holds much more than the restart point.
        // (SQLite's own automatic checkpoint would let it reach 1000 frames, about 4 MB.)
        let frame = pageSize + 24
        #expect(largestLog > 20 * frame, "the log never reached the checkpoint threshold, so nothing was tested")
        #expect(largestLog <= 32 + (160 + 8) * frame, "log reached \(largestLog) bytes")
        #expect(try Shell.sqlite(path, "SELECT count(*) FROM filler") == "300")
        #expect(try Shell.sqlite(path, "PRAGMA integrity_check") == "ok")
    }
}
