// Tally: what the client threads report back, behind one lock.
import Foundation

public final class Tally: @unchecked Sendable {
    private let lock = NSLock()
    public private(set) var latencies: [Double] = []
    public private(set) var failures: [String] = []

    public init() {}

    public func add(_ latencies: [Double], failure: String?) {
        lock.lock()
        defer { lock.unlock() }
        self.latencies += latencies
        if let failure { failures.append(failure) }
    }
}
