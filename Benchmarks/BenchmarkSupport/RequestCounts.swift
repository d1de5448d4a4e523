// RequestCounts: one request counter per connection, written once by its thread.
import Foundation

final class RequestCounts: @unchecked Sendable {
    private let lock = NSLock()
    private var counts: [Int]

    init(_ connections: Int) { counts = Array(repeating: 0, count: connections) }

    func set(_ connection: Int, _ count: Int) {
        lock.lock()
        counts[connection] = count
        lock.unlock()
    }

    var total: Int {
        lock.lock()
        defer { lock.unlock() }
        return counts.reduce(0, +)
    }
}
