// RouterTests: what the router answers when handlers fail or input is odd: an unexpected
// error is a generic 500 with a request id (the error's text, SQL included, stays out of
// the body), a missing route parameter is a 400 naming it, and header names that differ
// only in case keep the last value instead of trapping; a known method a route does not
// take is a 405 with Allow; a join link's token never reaches the loggable path.
import Foundation
import HTTPServer
import Testing

@Suite struct RouterTests {
    struct LeakyFailure: Error, CustomStringConvertible {
        var description: String { "SQLite error 19: UNIQUE constraint failed: judgement.uuid - while executing `INSERT INTO judgement`" }
    }

    @Test func anUnexpectedErrorAnswersAGeneric500WithARequestID() async throws {
        var router = Router()
        router.add(.get, "/boom") { _, _ in throw LeakyFailure() }
        let request = Request(method: .get, path: "/boom")
        let response = await router.handle(request)
        #expect(response.status == .internalServerError)
        guard case let .bytes(body) = response.body else { Issue.record("no body"); return }
        let object = try #require(try JSONSerialization.jsonObject(with: body) as? [String: String])
        #expect(object["error"] == "internal error")
        #expect(object["detail"] == "request id \(request.id)")
        #expect(request.id.wholeMatch(of: /[0-9a-f]{8}/) != nil)
        let text = String(decoding: body, as: UTF8.self)
        #expect(!text.contains("SQLite") && !text.contains("INSERT") && !text.contains("judgement"))
    }

    @Test func aMissingRouteParameterIsA400NamingIt() async throws {
        var router = Router()
        router.add(.get, "/items/{id}") { _, parameters in .text(try parameters.require("name")) }
        let response = await router.handle(Request(method: .get, path: "/items/7"))
        #expect(response.status == .badRequest)
        guard case let .bytes(body) = response.body else { Issue.record("no body"); return }
        #expect(String(decoding: body, as: UTF8.self).contains("missing path parameter 'name'"))
    }

    @Test func headerNamesDifferingOnlyInCaseKeepOneValue() {
        let request = Request(method: .get, path: "/", headers: ["X-Probe": "1", "x-probe": "2", "X-PROBE": "3"])
        #expect(request.headers.count == 1)
        #expect(["1", "2", "3"].contains(request.header("x-probe") ?? ""))
    }

    @Test func aMethodTheRouteDoesNotTakeIs405NamingTheOnesItDoes() async throws {
        var router = Router()
        router.add(.post, "/api/next") { _, _ in .text("leased") }
        for method in [HTTPMethod.get, .head, .delete] {
            let response = await router.handle(Request(method: method, path: "/api/next"))
            #expect(response.status == .methodNotAllowed)
            #expect(response.header("Allow") == "POST")
        }
        #expect(await router.handle(Request(method: .post, path: "/api/next")).status == .ok)
    }

    @Test func theLoggablePathHidesTokensAndNothingElse() {
        var router = Router()
        router.add(.get, "/join/{token}") { _, _ in .text("") }
        router.add(.get, "/images/{sha256}") { _, _ in .text("") }
        #expect(router.loggablePath("/join/0123abcd") == "/join/{token}")
        #expect(router.loggablePath("/images/ffee") == "/images/ffee")
        #expect(router.loggablePath("/join/0123abcd/extra") == "/join/{token}/extra")  // a mistyped link too
        #expect(router.loggablePath("/joinery/0123abcd") == "/joinery/0123abcd")
    }
}
