// LoadRun: N client threads, each on its own keep-alive connection, repeating one step until
// a deadline; the total of requests the steps made, per second.
import Foundation

public enum LoadRun {
    /// `step` makes one or more requests and returns how many. Connections open before the clock starts.
    public static func requestsPerSecond(port: Int, connections: Int, seconds: Double,
                                         _ step: @escaping @Sendable (LoopbackClient, Int) throws -> Int) throws -> Double {
        let tally = Tally()
        let ready = DispatchGroup(), finished = DispatchGroup()
        let start = DispatchSemaphore(value: 0)
        let counts = RequestCounts(connections)
        for connection in 0..<connections {
            ready.enter()
            finished.enter()
            Thread {
                defer { finished.leave() }
                var connected = false
                do {
                    let client = try LoopbackClient(port: port)
                    connected = true
                    ready.leave()
                    start.wait()
                    let deadline = DispatchTime.now().uptimeNanoseconds + UInt64(seconds * 1e9)
                    var made = 0
                    while DispatchTime.now().uptimeNanoseconds < deadline { made += try step(client, connection) }
                    counts.set(connection, made)
                    tally.add([], failure: nil)
                } catch {
                    if !connected { ready.leave() }
                    tally.add([], failure: "\(error)")
                }
            }.start()
        }
        ready.wait()
        let began = DispatchTime.now().uptimeNanoseconds
        for _ in 0..<connections { start.signal() }
        finished.wait()
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began) / 1e9
        if let failure = tally.failures.first { throw LoopbackClient.Failure(description: failure) }
        return Double(counts.total) / elapsed
    }
}
