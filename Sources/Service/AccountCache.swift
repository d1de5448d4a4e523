// AccountCache: recently checked tokens and the enabled account each names, kept for
// one second. Every API request and image authenticates, and a trip through the
// database's reader pool cost more than the rest of a judgement's handling; with the
// cache, disabling an account (`refhuman annotators disable`, from another process)
// takes effect within that second. Unknown and disabled tokens are never cached, so a
// new invite works at once and guessing tokens cannot fill memory.
import Foundation
import Storage

final class AccountCache: @unchecked Sendable {
    private struct Entry {
        let annotator: Annotator
        let checkedAt: UInt64
    }

    private let store: Store
    private static let lifetimeNanoseconds: UInt64 = 1_000_000_000
    private let lock = NSLock()
    // Guarded by `lock`; keyed by the token's SHA-256, as the database is.
    private var entries: [String: Entry] = [:]
    /// Beyond this many tokens the cache starts afresh: far more than a study's annotators.
    private let capacity = 10_000

    init(store: Store) { self.store = store }

    /// The enabled account whose token this is, or nil.
    func annotator(token: String) throws -> Annotator? {
        let hash = AccessToken.hash(token)
        let now = DispatchTime.now().uptimeNanoseconds
        lock.lock()
        let cached = entries[hash]
        lock.unlock()
        // Another thread may have stored an entry checked after `now` was read: no subtraction.
        if let cached, now < cached.checkedAt + Self.lifetimeNanoseconds { return cached.annotator }
        guard let fresh = try store.annotator(tokenHash: hash) else {
            forget(hash)
            return nil
        }
        lock.lock()
        if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
        entries[hash] = Entry(annotator: fresh, checkedAt: now)
        lock.unlock()
        return fresh
    }

    private func forget(_ hash: String) {
        lock.lock()
        entries[hash] = nil
        lock.unlock()
    }
}
