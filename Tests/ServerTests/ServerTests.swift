// ServerTests: the real `refhuman serve` on port 0, driven over HTTP by curl, with
// the database read back by the sqlite3 shell.
import Foundation
import TestSupport
import Testing

@Suite struct ServerTests {
    @Test func everyRouteNeedsAValidEnabledTokenAndAdminRoutesRefuseAnnotators() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let gone = try study.invite("gone")
        #expect(try Shell.refhuman(["annotators", "disable", "gone", "--db", study.database]).status == 0)
        // The name under which `serve` keeps its admin account cannot be taken first.
        let reserved = try Shell.refhuman(["annotators", "add", "admin", "--db", study.database])
        #expect(reserved.status == 1 && reserved.stderrLines == ["refhuman: 'admin' is reserved for the admin link"])
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let anonymous = HTTPClient(baseURL: server.baseURL)
        for path in ["/api/me", "/api/categories", "/api/session", "/images/" + String(repeating: "a", count: 64)] {
            #expect(try anonymous.get(path).status == 401, "\(path)")
        }
        #expect(try anonymous.lease().status == 401)
        #expect(try HTTPClient(baseURL: server.baseURL, token: String(repeating: "0", count: 64)).get("/api/me").status == 401)
        #expect(try HTTPClient(baseURL: server.baseURL, token: gone).get("/api/me").status == 401)
        // A join link's page is the same whatever the token; the token is checked when the page POSTs it.
        for link in ["/join/\(gone)", "/join/\(token)"] {
            let page = try anonymous.request("GET", link, headers: ["Accept": "text/html"])
            #expect(page.status == 200 && page.headers["content-type"]?.hasPrefix("text/html") == true, "\(link)")
            #expect(page.headers["set-cookie"] == nil && page.headers["cache-control"] == "no-store", "\(link)")
            #expect(page.headers["referrer-policy"] == "no-referrer", "\(link)")
        }
        for refused in [gone, String(repeating: "f", count: 64)] {
            let signIn = try anonymous.post("/api/session", json: ["token": refused])
            #expect(signIn.status == 401 && signIn.object["error"] as? String == "invalid link")
            #expect(signIn.headers["set-cookie"] == nil)
        }

        let annotator = HTTPClient(baseURL: server.baseURL, token: token)
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        for route in ["/api/admin/progress", "/api/admin/report", "/api/admin/export/judgements"] {
            #expect(try anonymous.get(route).status == 401, "\(route)")
            #expect(try annotator.get(route).status == 403, "\(route)")
            #expect(try admin.get(route).status == 200, "\(route)")
        }

        // Signing in sets a random session id, never the token, and the session can end.
        let signIn = try anonymous.post("/api/session", json: ["token": token])
        #expect(signIn.status == 200 && signIn.object["redirect"] as? String == "/" && signIn.object["name"] as? String == "ann")
        let cookie = try #require(signIn.headers["set-cookie"])
        let session = try #require(cookie.wholeMatch(of: /refhuman_session=([0-9a-f]{64}); (.*)/)?.output)
        #expect(String(session.1) != token && !cookie.contains(token))
        #expect(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && !cookie.contains("Secure"))
        let sessionHeader = ["Cookie": "refhuman_session=\(session.1)"]
        #expect(try anonymous.request("GET", "/api/me", headers: sessionHeader).object["name"] as? String == "ann")
        #expect(try anonymous.request("GET", "/api/me", headers: ["Cookie": "refhuman_session=\(token)"]).status == 401)
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM session WHERE id_hash = '\(Shell.sha256sum(text: String(session.1)))'") == "1")
        #expect(try anonymous.request("POST", "/api/logout", headers: sessionHeader).status == 204)
        #expect(try anonymous.request("GET", "/api/me", headers: sessionHeader).status == 401)
        #expect(try anonymous.post("/api/session", json: ["token": server.adminToken]).object["redirect"] as? String == "/admin")
        // A page on another site cannot sign its visitor in with its own token (login CSRF).
        let forged = try anonymous.post("/api/session", json: ["token": token], headers: ["Origin": "https://evil.example"])
        #expect(forged.status == 403 && forged.headers["set-cookie"] == nil)
    }

    @Test func practiceGetsFeedbackAndNothingAnAnnotatorSeesRevealsATestTruth() throws {
        let study = try StudyFixture()
        let truths = try study.truths()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL, token: try study.invite("ann"))
        #expect(try client.get("/api/me").object["phase"] as? String == "practice")

        var bodies: [String] = []
        var phases: [String] = []
        var practiceRight = 0
        while true {
            let next = try client.lease(count: 2)
            bodies.append(next.text)
            guard let item = next.array.first else { break }
            let itemID = item["item_id"] as! String
            let phase = item["phase"] as! String
            phases.append(phase)
            let reply = try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": itemID, "guesses": [1]])
            #expect(reply.status == 200, "\(reply.text)")
            if phase == "practice" {
                #expect(reply.object["true_category"] as? Int == truths[itemID])
                #expect(reply.object["correct"] as? Bool == (truths[itemID] == 1))
                if truths[itemID] == 1 { practiceRight += 1 }
            } else {
                bodies.append(reply.text)
            }
        }
        #expect(phases.prefix(2) == ["practice", "practice"])
        #expect(phases.count == 2 + StudyFixture.testItems)
        bodies.append(try client.get("/api/me").text)
        bodies.append(try client.get("/api/categories").text)
        for body in bodies where body.contains("\"test\"") || body.contains("test_") {
            #expect(!body.contains("\"true_category\"") && !body.contains("\"correct\"") && !body.contains("category_idx"), "\(body)")
        }
        let me = try client.get("/api/me").object
        #expect(me["phase"] as? String == "done")
        // Practice items are labelled cat (0) and dog (1); every answer was dog.
        #expect(practiceRight == 1)
        #expect(me["practice_correct"] as? Int == practiceRight)
    }

    @Test func eightConcurrentAnnotatorsFillEachItemWithDistinctPeopleExactly() throws {
        let study = try StudyFixture(judgementsPerItem: 3)
        let tokens = try (0..<8).map { try study.invite("a\($0)") }
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        nonisolated(unsafe) var counts = [Int](repeating: 0, count: tokens.count)
        Concurrently.run(tokens.count) { index in
            let flow = AnnotationFlow(client: HTTPClient(baseURL: server.baseURL, token: tokens[index]))
            counts[index] = flow.work(batch: 2).count
        }
        // 12 items × 3, plus each annotator's 2 practice answers.
        #expect(counts.reduce(0, +) == StudyFixture.testItems * 3 + tokens.count * 2)
        #expect(try Shell.sqlite(study.database, """
            SELECT count(*) FROM (SELECT item_id FROM judgement WHERE phase = 'test'
              GROUP BY item_id HAVING count(*) = 3 AND count(DISTINCT annotator_id) = 3)
            """) == "\(StudyFixture.testItems)")
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM judgement WHERE phase = 'test'") == "\(StudyFixture.testItems * 3)")
    }

    @Test func meStatesTheProtocolAndNextRenewsTheLeasesItReturns() throws {
        let study = try StudyFixture()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL, token: try study.invite("ann"))
        let me = try client.get("/api/me").object
        #expect(me["undo_window_seconds"] as? Int == 120 && me["lease_seconds"] as? Int == 600)
        let settings = try #require(me["settings"] as? [String: Any])
        // No exposure limit is an explicit null, not a missing key.
        #expect(settings.keys.contains("exposure_ms") && settings["exposure_ms"] is NSNull)

        // How far a renewal moves the expiry is checked with a test clock (AssignerTests); here
        // the server returns the same leases and keeps the expiry it answers (written to the
        // database at a clean stop).
        let first = try client.lease(count: 2).array
        let again = try client.lease(count: 2).array
        #expect(Set(again.compactMap { $0["item_id"] as? String }) == Set(first.compactMap { $0["item_id"] as? String }))
        let before = try #require(first.first?["expires_at"] as? String), after = try #require(again.first?["expires_at"] as? String)
        #expect(after >= before)
        #expect(server.stop() == 0)
        let stored = try Shell.sqlite(study.database, "SELECT DISTINCT expires_at FROM assignment")
        #expect(stored == after)
    }

    @Test func replaysRefusalsAndUndo() throws {
        let study = try StudyFixture()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL, token: try study.invite("ann"))
        let other = HTTPClient(baseURL: server.baseURL, token: try study.invite("bob"))
        let item = try #require(client.lease().array.first?["item_id"] as? String)
        let uuid = UUID().uuidString
        let body: [String: Any] = ["uuid": uuid, "item_id": item, "guesses": [2], "response_ms": 1234]
        let first = try client.post("/api/judgements", json: body)
        let replay = try client.post("/api/judgements", json: body)
        #expect(first.status == 200 && replay.status == 200)
        #expect(first.text == replay.text)
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM judgement WHERE uuid = '\(uuid)'") == "1")
        #expect(try other.post("/api/judgements", json: body).status == 409)  // someone else's uuid

        let second = try #require(client.lease().array.first?["item_id"] as? String)
        #expect(try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": second, "guesses": [3]]).status == 422)
        #expect(try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": second, "guesses": [0, 1]]).status == 422)
        let malformed = try client.request("POST", "/api/judgements", body: Data("{\"uuid\": ".utf8))
        #expect(malformed.status == 400)
        #expect((malformed.object["error"] as? String)?.contains("JSON") == true)
        let missing = try client.post("/api/judgements", json: ["uuid": UUID().uuidString])
        #expect(missing.status == 400 && missing.text.contains("item_id"))
        let huge = try client.request("POST", "/api/judgements", body: Data(repeating: 0x20, count: 200_000))
        #expect(huge.status == 413)
        #expect(try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": item, "guesses": [1]]).status == 409)
        #expect(try other.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": second, "guesses": [1]]).status == 409)
        let crossSite = try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": second, "guesses": [1]],
                                        headers: ["Origin": "http://evil.example"])
        #expect(crossSite.status == 403)

        // Both items so far were practice: a practice answer's truth came back with it, so it stays.
        let practiceAnswer = UUID().uuidString
        #expect(try client.post("/api/judgements", json: ["uuid": practiceAnswer, "item_id": second, "guesses": [0]]).status == 200)
        let practiceUndo = try client.request("DELETE", "/api/judgements/\(practiceAnswer)")
        #expect(practiceUndo.status == 409 && practiceUndo.text.contains("a practice answer cannot be undone"))

        let lease = try #require(client.lease().array.first)
        #expect(lease["phase"] as? String == "test")
        let third = try #require(lease["item_id"] as? String)
        let answered = UUID().uuidString
        #expect(try client.post("/api/judgements", json: ["uuid": answered, "item_id": third, "abstained": true]).status == 200)
        #expect(try client.request("DELETE", "/api/judgements/\(uuid)").status == 409)  // not the latest
        let undo = try client.request("DELETE", "/api/judgements/\(answered)")
        #expect(undo.status == 200, "\(undo.text)")
        #expect(try Shell.sqlite(study.database, "SELECT abstained, superseded_at IS NOT NULL FROM judgement WHERE uuid = '\(answered)'") == "1|1")
        // The item is free again: it comes back first, and can be judged anew.
        #expect(try client.lease().array.first?["item_id"] as? String == third)
        #expect(try client.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": third, "guesses": [0]]).status == 200)
    }

    @Test func staticFilesHaveTypesAndETagsAndNeverLeaveTheRoot() throws {
        let study = try StudyFixture()
        let root = TemporaryDirectory()
        try root.write("site/index.html", "<!doctype html><title>t</title>")
        try root.write("site/app.js", "export {}")
        try root.write("secret.txt", "outside")
        try FileManager.default.createSymbolicLink(atPath: root.path("site/escape.txt"), withDestinationPath: root.path("secret.txt"))
        let server = try ServerProcess(database: study.database, publicDirectory: root.path("site"))
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        let index = try client.get("/")
        #expect(index.status == 200 && index.headers["content-type"] == "text/html; charset=utf-8")
        let script = try client.get("/app.js")
        #expect(script.headers["content-type"] == "text/javascript; charset=utf-8" && script.text == "export {}")
        let etag = try #require(script.headers["etag"])
        #expect(try client.request("GET", "/app.js", headers: ["If-None-Match": etag]).status == 304)
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E%2Fsecret.txt", "/escape.txt", "/nothing.js"] {
            let reply = try client.request("GET", path, rawPath: true)
            #expect(reply.status == 404, "\(path)")
            #expect(!reply.text.contains("outside"), "\(path)")
        }
    }

    @Test func sigtermUnderLoadKeepsEveryAcknowledgedJudgement() throws {
        let study = try StudyFixture(judgementsPerItem: 6)
        let tokens = try (0..<6).map { try study.invite("a\($0)") }
        let fullQuota = tokens.count * (2 + StudyFixture.testItems)
        let server = try ServerProcess(database: study.database)
        let counter = NSCondition()
        nonisolated(unsafe) var acknowledgedSoFar = 0
        nonisolated(unsafe) var acknowledged = [[String]](repeating: [], count: tokens.count)
        nonisolated(unsafe) var exitStatus: Int32 = -1
        Concurrently.run(tokens.count + 1) { index in
            guard index < tokens.count else {
                // SIGTERM once the annotators are well under way, so it lands mid-load.
                let deadline = Date().addingTimeInterval(60)
                counter.lock()
                while acknowledgedSoFar < 12 && counter.wait(until: deadline) {}
                counter.unlock()
                exitStatus = server.stop()
                return
            }
            let flow = AnnotationFlow(client: HTTPClient(baseURL: server.baseURL, token: tokens[index]))
            acknowledged[index] = flow.work(batch: 1) { _ in
                counter.lock()
                acknowledgedSoFar += 1
                counter.broadcast()
                counter.unlock()
            }
        }
        #expect(exitStatus == 0)
        let uuids = acknowledged.flatMap { $0 }
        #expect(uuids.count >= 12)
        #expect(uuids.count < fullQuota, "the server was stopped after all the work was done, not under load")
        let stored = Set(try Shell.sqlite(study.database, "SELECT uuid FROM judgement").split(separator: "\n").map(String.init))
        #expect(uuids.filter { !stored.contains($0) } == [])
    }

    @Test func aBackupTakenUnderLoadHoldsEveryJudgementAcknowledgedBeforeItBegan() throws {
        let study = try StudyFixture(judgementsPerItem: 6)
        let tokens = try (0..<6).map { try study.invite("a\($0)") }
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let copy = study.directory.path("backup.sqlite")
        let counter = NSCondition()
        nonisolated(unsafe) var acknowledgedSoFar = 0
        nonisolated(unsafe) var acknowledged = [[String]](repeating: [], count: tokens.count)
        nonisolated(unsafe) var beforeBackup: [String] = []
        nonisolated(unsafe) var backup: ShellResult?
        Concurrently.run(tokens.count + 1) { index in
            guard index < tokens.count else {
                // Back up once the annotators are well under way, so it lands mid-load.
                let deadline = Date().addingTimeInterval(60)
                counter.lock()
                while acknowledgedSoFar < 12 && counter.wait(until: deadline) {}
                beforeBackup = acknowledged.flatMap { $0 }
                counter.unlock()
                backup = try? Shell.refhuman(["backup", copy, "--db", study.database])
                return
            }
            let flow = AnnotationFlow(client: HTTPClient(baseURL: server.baseURL, token: tokens[index]))
            _ = flow.work(batch: 1) { uuid in
                counter.lock()
                acknowledged[index].append(uuid)
                acknowledgedSoFar += 1
                counter.broadcast()
                counter.unlock()
            }
        }
        #expect(backup?.status == 0, "\(backup?.stderr ?? "no backup")")
        #expect(beforeBackup.count >= 12)
        let check = try Shell.refhuman(["check", "--db", copy])
        #expect(check.status == 0, "\(check.stdout)")
        let copied = Set(try Shell.sqlite(copy, "SELECT uuid FROM judgement").split(separator: "\n").map(String.init))
        #expect(beforeBackup.filter { !copied.contains($0) } == [])
        // The load went on after the backup, so the copy is a snapshot, not the final state.
        let final = try Shell.sqlite(study.database, "SELECT count(*) FROM judgement")
        #expect(copied.count < Int(final)!, "\(copied.count) copied, \(final) in the end")
    }
}
