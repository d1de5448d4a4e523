// Concurrently: runs a body on N threads at once and waits for all. DispatchQueue's
// concurrentPerform would run only as many at a time as there are cores (two here),
// which is not what "eight annotators at once" means.
import Foundation

public enum Concurrently {
    public static func run(_ count: Int, _ body: @escaping @Sendable (Int) -> Void) {
        let finished = DispatchSemaphore(value: 0)
        for index in 0..<count {
            Thread {
                body(index)
                finished.signal()
            }.start()
        }
        for _ in 0..<count { finished.wait() }
    }
}
