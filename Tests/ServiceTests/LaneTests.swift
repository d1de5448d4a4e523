// LaneTests: a background-lane handler that holds its thread (as a long report does)
// leaves the request threads free: with one request thread, annotators' requests are
// still answered while it runs, over a real server and curl.
import Foundation
import HTTPServer
import Testing
import TestSupport

@Suite struct LaneTests {
    @Test func aBlockedBackgroundRouteLeavesRequestsAnswered() async throws {
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
        let report = Task.detached { try client.get("/report") }
        #expect(entered.wait(timeout: .now() + 30) == .success, "the report's handler never started")
        // Three in a row: the single request thread is free, not merely free once.
        for _ in 0..<3 {
            let quick = try client.get("/quick")
            #expect(quick.status == 200 && quick.text == "quick")
        }
        release.signal()
        released = true
        let answered = try await report.value
        #expect(answered.status == 200 && answered.text == "report")
    }
}
