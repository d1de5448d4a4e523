// LaneTests: a background-lane handler that holds its thread (as a long report does)
// leaves the request threads free: with one request thread, annotators' requests are
// still answered while it runs, over a real server and curl.
import Foundation
import HTTPServer
import Testing
import TestSupport

@Suite struct LaneTests {
    /// The report request's outcome, set by the thread that sends it.
    final class Outcome: @unchecked Sendable {
        var reply: Result<HTTPReply, any Error>?
    }

    @Test func aBlockedBackgroundRouteLeavesRequestsAnswered() throws {
        let entered = DispatchSemaphore(value: 0), release = DispatchSemaphore(value: 0)
        var router = Router()
        router.add(.get, "/report", lane: .background) { _, _ in
            entered.signal()
            release.wait()  // a thread held as a report's computation holds it
            return .text("report")
        }
        router.add(.get, "/quick") { _, _ in .text("quick") }
        let server = HTTPServer(configuration: ServerConfiguration(port: 0, handlerThreads: 1, backgroundThreads: 1), router: router)
        try server.start()
        var released = false
        defer {
            if !released { release.signal() }  // a failed check must not leave stop() waiting for the handler
            server.stop()
        }
        let client = HTTPClient(baseURL: "http://127.0.0.1:\(server.port)")
        // On a thread of its own: a task could wait behind other tests for a cooperative thread.
        let report = Outcome(), reported = DispatchSemaphore(value: 0)
        Thread {
            report.reply = Result { try client.get("/report") }
            reported.signal()
        }.start()
        #expect(entered.wait(timeout: .now() + 30) == .success, "the report's handler never started")
        // Three in a row: the single request thread is free, not merely free once.
        for _ in 0..<3 {
            let quick = try client.get("/quick")
            #expect(quick.status == 200 && quick.text == "quick")
        }
        release.signal()
        released = true
        #expect(reported.wait(timeout: .now() + 30) == .success, "the report never answered")
        let answered = try #require(report.reply).get()
        #expect(answered.status == 200 && answered.text == "report")
    }
}
