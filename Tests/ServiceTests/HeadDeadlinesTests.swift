// HeadDeadlinesTests: a connection that has not sent a whole request head by its deadline
// has its socket shut down (the peer reads end-of-file); one whose head arrived, or that
// is still inside its time, is left alone. A socket pair stands in for a client's
// connection and a test clock for time.
@testable import HTTPServer
import Foundation
import Testing

@Suite struct HeadDeadlinesTests {
    final class Nanoseconds: @unchecked Sendable {
        var now: UInt64 = 1_000_000_000
    }

    /// A connected pair of sockets: the server's end and the client's.
    func socketPair() throws -> (server: Int32, client: Int32) {
        var ends: [Int32] = [0, 0]
        try #require(socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue), 0, &ends) == 0)
        return (ends[0], ends[1])
    }

    /// What the client's end sees now, without waiting: "eof", "open" (nothing to read yet).
    func clientSees(_ socket: Int32) -> String {
        var byte: UInt8 = 0
        let count = recv(socket, &byte, 1, Int32(MSG_DONTWAIT))
        return count == 0 ? "eof" : (count < 0 && errno == EAGAIN ? "open" : "other \(count)")
    }

    @Test func onlyTheConnectionPastItsDeadlineIsShutDown() throws {
        let time = Nanoseconds()
        let deadlines = HeadDeadlines(seconds: 10, clock: { time.now }, sweeping: false)
        let slow = try socketPair(), answered = try socketPair(), late = try socketPair()
        defer { for end in [slow, answered, late] { close(end.server); close(end.client) } }
        deadlines.awaitHead(connection: 1, socket: slow.server)
        deadlines.awaitHead(connection: 2, socket: answered.server)
        time.now += 6_000_000_000
        deadlines.awaitHead(connection: 3, socket: late.server)  // opened 6 s after the others
        deadlines.forget(connection: 2)                          // its head arrived
        time.now += 4_000_000_000                                // exactly 10 s for the first: not past it
        deadlines.sweep()
        #expect(clientSees(slow.client) == "open")
        time.now += 1
        deadlines.sweep()
        #expect(clientSees(slow.client) == "eof")
        #expect(clientSees(answered.client) == "open")
        #expect(clientSees(late.client) == "open")
        time.now += 6_000_000_000  // 10 s and a bit for the late one
        deadlines.sweep()
        #expect(clientSees(late.client) == "eof")
        #expect(clientSees(answered.client) == "open")
    }
}
