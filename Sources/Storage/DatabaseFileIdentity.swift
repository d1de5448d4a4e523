// DatabaseFileIdentity: which file the store opened (device and inode), so the writer can
// tell when the path no longer leads to it: deleted, or replaced by another file, while
// SQLite keeps writing to the open one that nothing will read again.
import Foundation

public struct DatabaseFileIdentity: Sendable {
    let path: String
    let device: UInt64
    let inode: UInt64

    /// The file at `path` now; nil when it cannot be looked at (an in-memory database).
    init?(path: String) {
        var status = stat()
        guard stat(path, &status) == 0 else { return nil }
        self.path = path
        device = UInt64(status.st_dev)
        inode = UInt64(status.st_ino)
    }

    /// Why the path no longer leads to the opened file, or nil while it does.
    func lossSinceOpening() -> StorageError? {
        var status = stat()
        guard stat(path, &status) == 0 else {
            return .databaseFileLost(path: path, reason: errno == ENOENT ? "deleted" : String(cString: strerror(errno)))
        }
        guard UInt64(status.st_dev) == device, UInt64(status.st_ino) == inode else {
            return .databaseFileLost(path: path, reason: "replaced by another file")
        }
        return nil
    }
}
