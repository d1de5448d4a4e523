// ServeLock: one serving process per database. `serve` holds an exclusive lock on a file
// beside the database (`<db>-serve.lock`) for as long as it runs, and writes its PID and
// address there, so a second `serve` can say who is serving and `admin-link` can find it.
// The kernel drops the lock when the process ends, however it ends.
import Foundation

struct ServeLock {
    struct Holder {
        let pid: Int32
        let baseURL: String?
    }

    enum Failure: Error, CustomStringConvertible {
        case held(database: String, by: Holder?)
        case cannotOpen(path: String, reason: String)

        var description: String {
            switch self {
            case let .held(database, holder):
                "\(database) is already being served" + (holder.map { " by process \($0.pid)" + ($0.baseURL.map { " on \($0)" } ?? "") } ?? "")
                    + "; stop that server first (or use its admin link: refhuman admin-link --db \(database))"
            case let .cannotOpen(path, reason):
                "\(path): cannot open the serve lock: \(reason)"
            }
        }
    }

    let path: String
    private let descriptor: Int32

    static func path(for database: String) -> String { database + "-serve.lock" }

    /// Takes the lock or throws naming the process that holds it.
    static func acquire(database: String) throws -> ServeLock {
        let path = path(for: database)
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else { throw Failure.cannotOpen(path: path, reason: String(cString: strerror(errno))) }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            close(descriptor)
            throw Failure.held(database: database, by: holder(path: path))
        }
        let lock = ServeLock(path: path, descriptor: descriptor)
        lock.record(baseURL: nil)
        return lock
    }

    /// Who serves `database` now, or nil when no process does.
    static func currentHolder(database: String) -> Holder? {
        let path = path(for: database)
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        // A shared lock is refused exactly while a server holds its exclusive one.
        guard flock(descriptor, LOCK_SH | LOCK_NB) != 0 else { return nil }
        return holder(path: path)
    }

    /// Writes "PID\nBASE_URL\n" for the others to read.
    func record(baseURL: String?) {
        let text = "\(getpid())\n\(baseURL ?? "")\n"
        _ = ftruncate(descriptor, 0)
        _ = text.withCString { pwrite(descriptor, $0, strlen($0), 0) }
    }

    private static func holder(path: String) -> Holder? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        guard let pid = lines.first.flatMap({ Int32($0) }) else { return nil }
        let url = lines.count > 1 && !lines[1].isEmpty ? String(lines[1]) : nil
        return Holder(pid: pid, baseURL: url)
    }
}
