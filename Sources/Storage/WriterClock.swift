// WriterClock: the writer's monotonic time and its way of waiting, so tests can drive the
// commit pacing by hand instead of sleeping.

public protocol WriterClock: Sendable {
    /// Time since an arbitrary fixed origin; never goes back, whatever the wall clock does.
    func now() -> Duration
    /// Blocks the calling thread (the writer's) for `duration`.
    func sleep(for duration: Duration)
}
