// OpenInternetTests: the real server as strangers on the internet meet it: odd request
// heads, one address holding many slow connections, GET and HEAD that must not lease,
// HTTPS, IPv6, a trusted proxy, a database deleted under it, a second serve, a failed
// serve, throttled token guesses, and a log that never carries a token.
import Foundation
import TestSupport
import Testing

@Suite struct OpenInternetTests {
    /// The status line's code of a raw HTTP answer.
    func status(_ answer: String) -> Int? { answer.firstMatch(of: /^HTTP\/1\.1 (\d{3})/).flatMap { Int($0.1) } }

    @Test func oddHeadsAreRefusedAndGetOrHeadNeverLeases() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL, token: token)
        // Header names differing only in case once killed the process.
        let probed = try client.request("GET", "/api/me", headers: ["X-Probe": "1", "x-probe": "2"])
        #expect(probed.status == 200)
        // Two lengths make the body's end ambiguous (request smuggling).
        let twoLengths = try #require(RawConnection(port: server.port))
        twoLengths.send("POST /api/judgements HTTP/1.1\r\nHost: x\r\nContent-Length: 2\r\nContent-Length: 40\r\n\r\n{}")
        #expect(status(twoLengths.readToEnd()) == 400)
        // A head must fit in half of a connection's 16 KiB pool: 12 KB does, 20 KB is refused whole.
        #expect(try client.request("GET", "/api/me", headers: ["X-Padding": String(repeating: "p", count: 12_000)]).status == 200)
        let tooLong = try #require(RawConnection(port: server.port))
        tooLong.send("GET /api/me HTTP/1.1\r\nHost: x\r\nX-Padding: \(String(repeating: "p", count: 20_000))\r\nConnection: close\r\n\r\n")
        #expect(status(tooLong.readToEnd()) == 431)
        let brew = try #require(RawConnection(port: server.port))
        brew.send("BREW / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        #expect(status(brew.readToEnd()) == 501)
        // Leasing is a POST: GET and HEAD are refused and lease nothing.
        let viaGet = try client.get("/api/next")
        #expect(viaGet.status == 405 && viaGet.headers["allow"] == "POST")
        let head = try #require(RawConnection(port: server.port))
        head.send("HEAD /api/next?count=50 HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer \(token)\r\nConnection: close\r\n\r\n")
        #expect(status(head.readToEnd()) == 405)
        #expect(try client.lease(count: 2).array.count == 2)
        // Every answer carries the browser protections, errors included.
        for reply in [probed, viaGet, try client.get("/"), try client.get("/no-such-page")] {
            #expect(reply.headers["content-security-policy"]?.contains("script-src 'self'") == true)
            #expect(reply.headers["content-security-policy"]?.contains("frame-ancestors 'none'") == true)
            #expect(reply.headers["x-content-type-options"] == "nosniff" && reply.headers["referrer-policy"] == "no-referrer")
            #expect(reply.headers["x-request-id"]?.wholeMatch(of: /[0-9a-f]{8}/) != nil)
            #expect(reply.headers["strict-transport-security"] == nil)  // plain HTTP: no HSTS
        }
        // The two leases are all there are: GET and HEAD took none. (Leases are in the
        // server's memory; a clean stop writes them to the database.)
        #expect(server.stop() == 0)
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM assignment") == "2")
    }

    @Test func oneAddressHoldingSlowConnectionsDoesNotLockOthersOut() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        // 1,100 connections from 127.0.0.1, each with a request head that never ends.
        var slow: [RawConnection] = []
        for _ in 0..<1_100 {
            guard let connection = RawConnection(port: server.port, source: "127.0.0.1") else { continue }
            connection.send("GET / HTTP/1.1\r\nHost: x\r\nX-Slow: ")
            slow.append(connection)
        }
        #expect(slow.count == 1_100)
        // An annotator from another address leases, loads the image and answers.
        let annotator = HTTPClient(baseURL: server.baseURL, token: token, source: "127.0.0.2")
        let lease = try annotator.lease()
        let item = try #require(lease.array.first)
        #expect(try annotator.get(try #require(item["image_url"] as? String)).status == 200)
        let judged = try annotator.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": item["item_id"]!, "guesses": [0]])
        #expect(judged.status == 200)
        // The server kept no more of the slow ones than the per-address limit (64).
        let open = slow.filter { !$0.isClosedByServer }.count
        #expect(open <= 64, "\(open) slow connections still open")
    }

    @Test func httpsServesWithACertificateAndMarksTheCookieSecure() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let (certificate, key) = (study.directory.path("cert.pem"), study.directory.path("key.pem"))
        let made = try Shell.run("/usr/bin/openssl", ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes",
                                                      "-keyout", key, "-out", certificate, "-days", "1", "-subj", "/CN=127.0.0.1",
                                                      "-addext", "subjectAltName=IP:127.0.0.1"])
        try #require(made.status == 0, "\(made.stderr)")
        // A file that is not there is one line, and nothing starts.
        let missing = try Shell.refhuman(["serve", "--db", study.database, "--port", "0", "--tls-cert", study.directory.path("nope.pem"),
                                          "--tls-key", key])
        #expect(missing.status == 1 && missing.stderrLines == ["refhuman: \(study.directory.path("nope.pem")): cannot read: no such file"])
        let server = try ServerProcess(database: study.database, arguments: ["--tls-cert", certificate, "--tls-key", key])
        defer { server.stop() }
        #expect(server.baseURL.hasPrefix("https://127.0.0.1:"))
        // curl checks the certificate against the one we made: a real TLS handshake.
        let browser = HTTPClient(baseURL: server.baseURL, curlOptions: ["--cacert", certificate])
        let signIn = try browser.post("/api/session", json: ["token": token])
        #expect(signIn.status == 200)
        let cookie = try #require(signIn.headers["set-cookie"])
        #expect(cookie.hasSuffix("; Secure") && cookie.contains("HttpOnly"))
        #expect(signIn.headers["strict-transport-security"] == "max-age=31536000")
        // Plain HTTP to the HTTPS port gets no page.
        let plain = try Shell.run("/usr/bin/curl", ["-s", "-o", "/dev/null", "-w", "%{http_code}", "--max-time", "10",
                                                    "http://127.0.0.1:\(server.port)/"])
        #expect(plain.stdout != "200")
    }

    @Test func dualStackTakesIPv4AndIPv6Clients() throws {
        let study = try StudyFixture()
        let log = study.directory.path("access.log")
        let server = try ServerProcess(database: study.database, arguments: ["--host", "::"], errorLog: log)
        defer { server.stop() }
        #expect(server.baseURL.hasPrefix("http://localhost:"))
        #expect(try HTTPClient(baseURL: "http://127.0.0.1:\(server.port)").get("/").status == 200)
        #expect(try HTTPClient(baseURL: "http://[::1]:\(server.port)", curlOptions: ["-g"]).get("/").status == 200)
        server.stop()
        // Access lines only (time client method path status ms id), not the stop message.
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n")
        let fields: [[Substring]] = lines.map { $0.split(separator: " ") }
        let clients: [String] = fields.filter { $0.count == 7 && $0[2] == "GET" }.map { String($0[1]) }
        #expect(clients == ["127.0.0.1", "::1"])
    }

    @Test func forwardedHeadersCountOnlyUnderTrustProxy() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let forwarded = ["X-Forwarded-Proto": "https", "X-Forwarded-For": "198.51.100.1, 203.0.113.9"]
        let direct = try ServerProcess(database: study.database)
        let ignored = try HTTPClient(baseURL: direct.baseURL).post("/api/session", json: ["token": token], headers: forwarded)
        #expect(ignored.status == 200 && ignored.headers["set-cookie"]?.contains("Secure") == false)
        direct.stop()
        let log = study.directory.path("proxy.log")
        let proxied = try ServerProcess(database: study.database, arguments: ["--trust-proxy", "--log", "json"], errorLog: log)
        let trusted = try HTTPClient(baseURL: proxied.baseURL).post("/api/session", json: ["token": token], headers: forwarded)
        #expect(trusted.headers["set-cookie"]?.hasSuffix("; Secure") == true)
        #expect(trusted.headers["strict-transport-security"] != nil)
        proxied.stop()
        // The proxy appends the address it saw: the last entry, not the client's own claim.
        let entry = try #require(try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").lazy
            .compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }.first)
        #expect(entry["client"] as? String == "203.0.113.9")
    }

    @Test func deletingTheDatabaseWhileServingAnswers503AndSaysSoLoudly() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let log = study.directory.path("server.log")
        let server = try ServerProcess(database: study.database, errorLog: log)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL, token: token)
        let items = try client.lease(count: 2).array.compactMap { $0["item_id"] as? String }
        try #require(items.count == 2)
        #expect(try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": items[0], "guesses": [0]]).status == 200)
        try FileManager.default.removeItem(atPath: study.database)
        let after = try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": items[1], "guesses": [0]])
        #expect(after.status == 503 && after.object["error"] as? String == "not stored")
        #expect(try client.lease().status == 503)
        server.stop()
        let text = try String(contentsOfFile: log, encoding: .utf8)
        #expect(text.contains("refhuman: DATABASE FILE LOST: \(study.database) was deleted while in use"))
    }

    @Test func oneServePerDatabaseAndAFailedServeLeavesTheAdminLinkAlone() throws {
        let study = try StudyFixture()
        let other = try StudyFixture()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        // A second serve on the same database says who serves it, and changes nothing.
        let second = try Shell.refhuman(["serve", "--db", study.database, "--port", "0"])
        #expect(second.status == 1)
        #expect(second.stderrLines == ["refhuman: \(study.database) is already being served by process \(server.process.processIdentifier) on \(server.baseURL); stop that server first (or use its admin link: refhuman admin-link --db \(study.database))"])
        #expect(try admin.get("/api/admin/progress").status == 200)
        // A serve that cannot bind its port leaves its database's admin link as it was.
        let earlier = try ServerProcess(database: other.database)
        let earlierToken = earlier.adminToken
        earlier.stop()
        let hash = try Shell.sqlite(other.database, "SELECT token_hash FROM annotator WHERE role = 'admin'")
        #expect(hash == (try Shell.sha256sum(text: earlierToken)))
        let busy = try Shell.refhuman(["serve", "--db", other.database, "--port", "\(server.port)"])
        #expect(busy.status == 1 && busy.stderrLines == ["refhuman: cannot listen on 127.0.0.1:\(server.port) (port in use, or not an IPv4 or IPv6 address of this machine)"])
        #expect(try Shell.sqlite(other.database, "SELECT token_hash FROM annotator WHERE role = 'admin'") == hash)
        // admin-link: a fresh link for the running server; the old one stops working.
        let fresh = try Shell.refhuman(["admin-link", "--db", study.database])
        #expect(fresh.status == 0)
        let link = try #require(fresh.stdout.trimmingCharacters(in: .whitespacesAndNewlines).wholeMatch(of: /(.+)\/join\/([0-9a-f]{64})/))
        #expect(String(link.1) == server.baseURL)
        #expect(try HTTPClient(baseURL: server.baseURL, token: String(link.2)).get("/api/admin/progress").status == 200)
        #expect(try admin.get("/api/admin/progress").status == 401)
        let none = try Shell.refhuman(["admin-link", "--db", other.database])
        #expect(none.status == 1 && none.stderrLines == ["refhuman: no server is running on \(other.database); start one with: refhuman serve --db \(other.database)"])
    }

    @Test func tokenGuessesAreThrottledPerAddress() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let guesser = HTTPClient(baseURL: server.baseURL, source: "127.0.0.1")
        var statuses: [Int] = []
        for guess in 0..<21 { statuses.append(try guesser.post("/api/session", json: ["token": String(format: "%064x", guess)]).status) }
        #expect(statuses == Array(repeating: 401, count: 20) + [429])
        // Bearer guesses count too, and the address is refused even with a good token now.
        #expect(try HTTPClient(baseURL: server.baseURL, token: token, source: "127.0.0.1").get("/api/me").status == 429)
        // Another address is not affected.
        #expect(try HTTPClient(baseURL: server.baseURL, token: token, source: "127.0.0.2").get("/api/me").status == 200)
        #expect(try HTTPClient(baseURL: server.baseURL, source: "127.0.0.2").post("/api/session", json: ["token": "0"]).status == 401)
    }

    @Test func theAccessLogHasALinePerRequestAndNoToken() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let log = study.directory.path("access.log")
        let server = try ServerProcess(database: study.database, arguments: ["--log", "json"], errorLog: log)
        let anonymous = HTTPClient(baseURL: server.baseURL)
        var sent: [(method: String, path: String, status: Int)] = []
        func note(_ method: String, _ path: String, _ reply: HTTPReply) { sent.append((method, path, reply.status)) }
        note("GET", "/join/{token}", try anonymous.get("/join/\(token)"))
        let signIn = try anonymous.post("/api/session", json: ["token": token])
        note("POST", "/api/session", signIn)
        let session = try #require(signIn.headers["set-cookie"]?.firstMatch(of: /refhuman_session=([0-9a-f]{64})/)?.1)
        note("GET", "/api/me", try anonymous.request("GET", "/api/me", headers: ["Cookie": "refhuman_session=\(session)"]))
        note("POST", "/api/next", try HTTPClient(baseURL: server.baseURL, token: token).lease())
        note("GET", "/api/admin/progress", try HTTPClient(baseURL: server.baseURL, token: server.adminToken).get("/api/admin/progress"))
        note("POST", "/api/session", try anonymous.post("/api/session", json: ["token": String(token.reversed())]))
        note("GET", "/join/{token}/x", try anonymous.get("/join/\(token)/x"))
        server.stop()
        let lines = try String(contentsOfFile: log, encoding: .utf8).split(separator: "\n").map(String.init)
        for secret in [token, String(token.reversed()), String(session), server.adminToken] {
            #expect(!lines.contains { $0.contains(secret) })
        }
        let entries = lines.compactMap { try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] }
        #expect(entries.count == sent.count, "\(lines)")
        for (entry, request) in zip(entries, sent) {
            #expect(entry["method"] as? String == request.method && entry["path"] as? String == request.path)
            #expect(entry["status"] as? Int == request.status)
            #expect(entry["request_id"] as? String != nil && entry["ms"] as? Double != nil && entry["client"] as? String == "127.0.0.1")
        }
    }
}
