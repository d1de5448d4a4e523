// SystemWriterClock: the writer's real clock, ContinuousClock for the time and a thread sleep for the wait.
import Foundation

public struct SystemWriterClock: WriterClock {
    private let origin = ContinuousClock.now

    public init() {}

    public func now() -> Duration { origin.duration(to: .now) }

    public func sleep(for duration: Duration) {
        let (seconds, attoseconds) = duration.components
        Thread.sleep(forTimeInterval: Double(seconds) + Double(attoseconds) * 1e-18)
    }
}
