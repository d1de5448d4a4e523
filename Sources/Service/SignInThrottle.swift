// SignInThrottle: refuses token guesses from an address that has failed too often. Each
// address may fail `limit` times per window; after that every token it sends is refused
// (429) until the window has passed, and each refusal is logged with the address only.
import Foundation
import HTTPServer

final class SignInThrottle: @unchecked Sendable {
    let limit: Int
    let windowSeconds: TimeInterval
    private let clock: @Sendable () -> Date
    private let lock = NSLock()
    // Guarded by `lock`: per address, the failures in the window that began at `since`.
    private var failures: [String: (count: Int, since: Date)] = [:]

    init(limit: Int = 20, windowSeconds: TimeInterval = 600, clock: @escaping @Sendable () -> Date) {
        self.limit = limit
        self.windowSeconds = windowSeconds
        self.clock = clock
    }

    /// Throws 429 while `address` is over its limit.
    func check(_ address: String) throws {
        lock.lock()
        let entry = failures[address]
        lock.unlock()
        guard let entry, entry.count >= limit else { return }
        let wait = windowSeconds - clock().timeIntervalSince(entry.since)
        guard wait > 0 else { return }
        throw HTTPError(.tooManyRequests, error: "too many attempts",
                        detail: "too many unknown links or tokens from this address; try again in \(Int(wait.rounded(.up))) s")
    }

    /// Counts a failed token from `address` and logs it.
    func failed(_ address: String) {
        let now = clock()
        lock.lock()
        if failures.count > 100_000 { failures = failures.filter { now.timeIntervalSince($0.value.since) < windowSeconds } }
        var entry = failures[address] ?? (0, now)
        if now.timeIntervalSince(entry.since) >= windowSeconds { entry = (0, now) }
        entry.count += 1
        failures[address] = entry
        lock.unlock()
        FileHandle.standardError.write(Data("refhuman: unknown token from \(address) (\(entry.count) in this window)\n".utf8))
    }
}
