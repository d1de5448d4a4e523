// HandlerPool: a fixed set of threads that runs request handlers as Swift tasks. A
// handler that waits for the writer suspends (an `await`), which frees its thread for
// other requests; a handler that reads SQLite simply runs, which the cooperative pool
// of one thread per core would not tolerate for long reports.
import Foundation

final class HandlerPool: TaskExecutor, @unchecked Sendable {
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var queue: [UnownedJob] = []
    private var head = 0
    private var stopping = false

    init(threads: Int, name: String) {
        for number in 0..<max(1, threads) {
            let thread = Thread { [self] in run() }
            thread.name = "\(name).\(number)"
            thread.start()
        }
    }

    func enqueue(_ job: consuming ExecutorJob) {
        let job = UnownedJob(job)
        condition.lock()
        queue.append(job)
        condition.signal()
        condition.unlock()
    }

    /// Lets the threads end once the queue is empty; the server stops only after its last handler finished.
    func stop() {
        condition.lock()
        stopping = true
        condition.broadcast()
        condition.unlock()
    }

    private func run() {
        while true {
            condition.lock()
            while head == queue.count && !stopping { condition.wait() }
            if head == queue.count {
                condition.unlock()
                return
            }
            let job = queue[head]
            head += 1
            if head == queue.count {
                queue.removeAll(keepingCapacity: true)
                head = 0
            }
            condition.unlock()
            job.runSynchronously(on: asUnownedTaskExecutor())
        }
    }
}
