// RouterTests: what the router answers when handlers fail or input is odd: an unexpected
// error is a generic 500 with a request id (the error's text, SQL included, stays out of
// the body), a missing route parameter is a 400 naming it, and header names that differ
// only in case keep the last value instead of trapping.
import Foundation
import HTTPServer
import Testing

@Suite struct RouterTests {
    struct LeakyFailure: Error, CustomStringConvertible {
        var description: String { "SQLite error 19: UNIQUE constraint failed: judgement.uuid - while executing `INSERT INTO judgement`" }
    }

    @Test func anUnexpectedErrorAnswersAGeneric500WithARequestID() throws {
        var router = Router()
        router.add("GET", "/boom") { _, _ in throw LeakyFailure() }
        let response = router.handle(Request(method: "GET", path: "/boom"))
        #expect(response.status == .internalServerError)
        guard case let .bytes(body) = response.body else { Issue.record("no body"); return }
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: String])
        #expect(object["error"] == "internal error")
        #expect(try #require(object["detail"]).wholeMatch(of: /request id [0-9a-f]{8}/) != nil)
        let text = String(decoding: body, as: UTF8.self)
        #expect(!text.contains("SQLite") && !text.contains("INSERT") && !text.contains("judgement"))
    }

    @Test func aMissingRouteParameterIsA400NamingIt() throws {
        var router = Router()
        router.add("GET", "/items/{id}") { _, parameters in .text(try parameters.require("name")) }
        let response = router.handle(Request(method: "GET", path: "/items/7"))
        #expect(response.status == .badRequest)
        guard case let .bytes(body) = response.body else { Issue.record("no body"); return }
        #expect(String(decoding: body, as: UTF8.self).contains("missing path parameter 'name'"))
    }

    @Test func headerNamesDifferingOnlyInCaseKeepOneValue() {
        let request = Request(method: "GET", path: "/", headers: ["X-Probe": "1", "x-probe": "2", "X-PROBE": "3"])
        #expect(request.headers.count == 1)
        #expect(["1", "2", "3"].contains(request.header("x-probe") ?? ""))
    }
}
