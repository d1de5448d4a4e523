// Tally: what the client threads report back, behind one lock.
import Foundation

final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    private(set) var latencies: [Double] = []
    private(set) var failures: [String] = []

    func add(_ latencies: [Double], failure: String?) {
        lock.lock()
        defer { lock.unlock() }
        self.latencies += latencies
        if let failure { failures.append(failure) }
    }
}
