// WorkerThread: a named thread that sleeps on one condition until its owner has work
// for it or it is told to stop. WALSyncer and WALCheckpointer each run one beside the
// group-commit writer; the owner keeps its own state, guarded by this condition.
import Foundation

final class WorkerThread: @unchecked Sendable {
    private let name: String
    private let condition = NSCondition()
    /// Guarded by `condition`.
    private var stopping = false
    private let finished = DispatchSemaphore(value: 0)

    init(name: String) { self.name = name }

    /// Starts the thread on `loop`, which returns once `awaitWork` reports stopping.
    func start(_ loop: @escaping @Sendable () -> Void) {
        let thread = Thread { [finished] in
            loop()
            finished.signal()
        }
        thread.name = name
        thread.start()
    }

    /// Runs `body` under the lock, for the owner's guarded state.
    func locked<Value>(_ body: () -> Value) -> Value {
        condition.lock()
        defer { condition.unlock() }
        return body()
    }

    /// Runs `change` under the lock, then wakes the thread.
    func wake(_ change: () -> Void) {
        locked {
            change()
            condition.signal()
        }
    }

    /// On the thread: sleeps until `ready()` or a stop, then runs `take` under the same
    /// lock and returns what it took, and whether a stop has been asked for.
    func awaitWork<Taken>(until ready: () -> Bool, take: () -> Taken) -> (Taken, stopping: Bool) {
        locked {
            while !ready() && !stopping { condition.wait() }
            return (take(), stopping)
        }
    }

    /// Asks the loop to end and waits until it has.
    func stop() {
        wake { stopping = true }
        finished.wait()
    }
}
