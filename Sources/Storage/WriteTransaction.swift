// WriteTransaction: what a WriteBatcher job knows of the transaction it runs in: an id
// shared by every job of the same group transaction, and hooks for when the transaction
// as a whole fails, so state kept in memory beside the database (AssignmentBoards) can
// forget what the failed jobs told it. Writer thread only.
public final class WriteTransaction {
    /// Counts up from 1 with each transaction the writer begins.
    public let id: Int
    /// How many times, up to this transaction's start, the writer found that another
    /// connection (another process) had committed: state kept beside the database reads
    /// afresh when this has moved since it last looked.
    public internal(set) var externalCommits = 0
    private var rollbackHooks: [() -> Void] = []

    init(id: Int) { self.id = id }

    /// Runs `hook` if this transaction does not commit. Hooks run last first, so each
    /// undoes its change on the state the later ones left.
    public func onRollback(_ hook: @escaping () -> Void) { rollbackHooks.append(hook) }

    func rolledBack() {
        for hook in rollbackHooks.reversed() { hook() }
        rollbackHooks.removeAll()
    }
}
