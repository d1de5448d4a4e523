// CommitPacing: when the writer may begin its next group transaction. Every commit costs an
// fsync, writes its pages to the WAL and empties every reader's page cache, whatever the
// number of jobs it carries; under load, letting jobs gather for a few milliseconds shares
// those costs among more of them (docs/benchmarks.md). A writer with no company is never
// held back: the wait applies only after a transaction that carried more than one job.
struct CommitPacing {
    /// The least time between the beginnings of two transactions when writes arrive together.
    let spacing: Duration
    let clock: any WriterClock
    private var lastBegan: Duration?
    private var lastBatchSize = 0

    init(spacing: Duration, clock: any WriterClock) {
        self.spacing = spacing
        self.clock = clock
    }

    /// How long the writer should let jobs gather before taking them; zero when it need not.
    func timeToWait() -> Duration {
        guard lastBatchSize > 1, let lastBegan else { return .zero }
        let remaining = lastBegan + spacing - clock.now()
        return remaining > .zero ? remaining : .zero
    }

    /// A transaction of `jobs` jobs begins now.
    mutating func began(jobs: Int) {
        lastBegan = clock.now()
        lastBatchSize = jobs
    }
}
