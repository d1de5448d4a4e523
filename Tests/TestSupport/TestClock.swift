// TestClock: a clock tests move by hand, so lease expiries and undo windows pass
// without sleeping. Give `read` to StudyDesk(clock:).
import Foundation
import Synchronization

public final class TestClock: Sendable {
    private let current: Mutex<Date>

    public init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { current = Mutex(start) }

    public var now: Date { current.withLock { $0 } }

    public func advance(seconds: TimeInterval) { current.withLock { $0 = $0.addingTimeInterval(seconds) } }

    /// The clock as StudyDesk takes it.
    public var read: @Sendable () -> Date { { [self] in now } }
}
