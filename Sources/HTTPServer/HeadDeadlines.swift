// HeadDeadlines: closes connections that take too long to deliver a request head.
// libmicrohttpd's timeout counts silence only, so a client sending one byte every few
// seconds would hold its connection for ever; here every connection waiting for a head
// has an absolute deadline, and a sweeper shuts down the socket of any that passes it.
// libmicrohttpd then sees the connection end and closes it on its own thread.
import Foundation

final class HeadDeadlines: @unchecked Sendable {
    private let seconds: Int
    /// Monotonic nanoseconds; tests pass their own.
    private let clock: @Sendable () -> UInt64
    private let lock = NSCondition()
    // Guarded by `lock`: connection (as an address) → its socket and when its wait began.
    private var waiting: [UInt: (socket: Int32, since: UInt64)] = [:]
    private var stopping = false

    /// - Parameter sweeping: run the sweeper thread; tests call `sweep()` themselves.
    init(seconds: Int, clock: @escaping @Sendable () -> UInt64 = { DispatchTime.now().uptimeNanoseconds }, sweeping: Bool = true) {
        self.seconds = seconds
        self.clock = clock
        guard sweeping else { return }
        let thread = Thread { [self] in run() }
        thread.name = "refhuman.head-deadlines"
        thread.start()
    }

    /// The connection opened, or answered a request, and now waits for a head.
    func awaitHead(connection: UInt, socket: Int32) {
        lock.lock()
        waiting[connection] = (socket, clock())
        lock.unlock()
    }

    /// The head arrived, or the connection closed. libmicrohttpd reports a close before
    /// it closes the socket, so the sweeper never shuts down a reused descriptor.
    func forget(connection: UInt) {
        lock.lock()
        waiting[connection] = nil
        lock.unlock()
    }

    func stop() {
        lock.lock()
        stopping = true
        lock.signal()
        lock.unlock()
    }

    /// Looks twice a second, so a deadline is kept to within half a second.
    private func run() {
        lock.lock()
        while !stopping {
            _ = lock.wait(until: Date().addingTimeInterval(0.5))
            sweepLocked()
        }
        lock.unlock()
    }

    /// Shuts down every connection past its deadline.
    func sweep() {
        lock.lock()
        sweepLocked()
        lock.unlock()
    }

    private func sweepLocked() {
        let limit = UInt64(seconds) * 1_000_000_000
        let now = clock()
        for (connection, entry) in waiting where now > entry.since + limit {
            shutdown(entry.socket, Int32(SHUT_RDWR))
            waiting[connection] = nil
        }
    }
}
