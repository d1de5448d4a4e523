// AccountCache: the account behind each invite token and session a server has read
// lately, so that a request need not read it again. Reading it was a fixed cost per
// request: a statement on a connection whose page cache SQLite empties after every
// commit (what it saved is in docs/benchmarks.md). The database stays the truth: every entry goes as soon
// as a commit may have changed any account (AccountTablesObserver, on the writer's
// connection) or another process committed anything (the writer's data_version watch),
// and admin accounts are never kept, since `refhuman admin-link` rotates their token from
// another process and the old one must stop working at once. A lookup the cache cannot
// answer is the plain query, which stays the tested reference.
import Foundation
import Synchronization

final class AccountCache: Sendable {
    private struct Entry {
        let annotator: Annotator
        /// A session's end (Timestamp text); nil for an invite token, which does not expire.
        let expiresAt: String?
    }

    private struct State {
        var entries: [String: Entry] = [:]
        /// Moves at every invalidation, so a read that began before one is not kept after it.
        var generation: UInt64 = 0
    }

    /// Beyond this many entries all are dropped: sessions of a long study should not grow it for ever.
    static let capacity = 100_000
    private let state = Mutex(State())

    /// The account for `key`, from memory when kept and (for a session) not expired at
    /// `now`; otherwise from `read`, whose answer is kept unless an invalidation came meanwhile.
    func account(_ key: String, now: String? = nil, read: () throws -> (annotator: Annotator, expiresAt: String?)?) throws -> Annotator? {
        let (kept, generation): (Annotator?, UInt64) = state.withLock { state in
            guard let entry = state.entries[key] else { return (nil, state.generation) }
            if let expiresAt = entry.expiresAt, let now, now >= expiresAt { return (nil, state.generation) }
            return (entry.annotator, state.generation)
        }
        if let kept { return kept }
        guard let found = try read() else { return nil }
        if found.annotator.role != .admin {
            state.withLock { state in
                // The read may have seen the database from before the invalidation.
                guard state.generation == generation else { return }
                if state.entries.count >= Self.capacity { state.entries.removeAll() }
                state.entries[key] = Entry(annotator: found.annotator, expiresAt: found.expiresAt)
            }
        }
        return found.annotator
    }

    /// Forgets every entry; a read begun before this call keeps nothing.
    func invalidate() {
        state.withLock { state in
            state.generation &+= 1
            state.entries.removeAll()
        }
    }

    var count: Int { state.withLock { $0.entries.count } }
}
