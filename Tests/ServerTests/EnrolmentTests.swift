// EnrolmentTests: a crowd study's public link on the real server: Prolific and MTurk ids
// enrol a participant once (the same id resumes), consent, practice screening, the quota,
// the ending each path gives, an MTurk preview that stores nothing, and the cap.
import Foundation
import TestSupport
import Testing

@Suite struct EnrolmentTests {
    /// Requests as a signed-in browser: the session cookie from an enrolment.
    struct Participant {
        let client: HTTPClient
        let cookie: String

        func get(_ path: String) throws -> HTTPReply { try client.request("GET", path, headers: ["Cookie": cookie]) }
        func post(_ path: String, _ json: [String: Any]) throws -> HTTPReply { try client.post(path, json: json, headers: ["Cookie": cookie]) }
        func lease() throws -> [[String: Any]] { try client.request("POST", "/api/next", headers: ["Cookie": cookie]).array }
        var participation: [String: Any] { get throws { try get("/api/me").object["participation"] as? [String: Any] ?? [:] } }

        /// Leases one item and answers it, right or wrong by `truths`.
        func answer(_ truths: [String: Int], right: Bool) throws -> String {
            let item = try #require(try lease().first)
            let id = item["item_id"] as! String
            let guess = right ? truths[id]! : (truths[id]! + 1) % 3
            let stored = try post("/api/judgements", ["uuid": UUID().uuidString.lowercased(), "item_id": id, "guesses": [guess]])
            try #require(stored.status == 200, "\(stored.text)")
            return item["phase"] as! String
        }
    }

    func enrol(_ client: HTTPClient, _ ids: [String: Any]) throws -> (HTTPReply, Participant?) {
        let reply = try client.post("/api/enrol", json: ids)
        guard let cookie = reply.headers["set-cookie"]?.split(separator: ";").first else { return (reply, nil) }
        return (reply, Participant(client: client, cookie: String(cookie)))
    }

    func createStudy(_ study: StudyFixture, _ name: String, _ options: [String]) throws -> String {
        let directory = TemporaryDirectory()
        try directory.write("consent.txt", "You agree that your answers are **stored**.\n\n- no names\n- no emails\n")
        let created = try Shell.refhuman(["studies", "create", name, "--consent-file", directory.path("consent.txt"),
                                          "--consent-version", "v1", "--completion-code", "DONE1", "--screened-out-code", "SCREEN1",
                                          "--no-consent-code", "NOCONSENT1", "--db", study.database] + options)
        try #require(created.status == 0, "\(created.stderr)")
        let link = try Shell.refhuman(["studies", "link", name, "--base-url", "http://h", "--db", study.database])
        return String(link.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "/").last!)
    }

    @Test func prolificParticipantConsentsPassesPracticeFinishesTheQuotaAndResumes() throws {
        let study = try StudyFixture()
        let code = try createStudy(study, "crowd", ["--quota", "2", "--practice-pass", "0.5"])
        let truths = try study.truths()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        let ids: [String: Any] = ["code": code, "prolific_pid": "PID-1", "study_id": "S-1", "session_id": "X-1"]
        let (enrolled, maybe) = try enrol(client, ids)
        #expect(enrolled.status == 200 && enrolled.object["resumed"] as? Bool == false && enrolled.object["preview"] as? Bool == false)
        let participant = try #require(maybe)
        #expect(try participant.participation["status"] as? String == "consenting")
        #expect(try participant.lease().isEmpty)  // nothing before consent
        let stale = try participant.post("/api/consent", ["agree": true, "consent_version": "v0"])
        #expect(stale.status == 409 && stale.object["error"] as? String == "the consent text changed (now version v1); read it again")
        #expect(try participant.post("/api/consent", ["agree": true, "consent_version": "v1"]).object["status"] as? String == "practice")
        // Practice: one right and one wrong of 2 is the 0.5 pass mark; then 2 test items complete the quota.
        #expect(try participant.answer(truths, right: true) == "practice")
        #expect(try participant.answer(truths, right: false) == "practice")
        #expect(try participant.participation["status"] as? String == "test")
        #expect(try participant.answer(truths, right: true) == "test")
        #expect(try participant.participation["test_done"] as? Int == 1)
        #expect(try participant.answer(truths, right: false) == "test")
        let done = try participant.participation
        #expect(done["status"] as? String == "done" && done["quota"] as? Int == 2)
        let finish = try #require(done["finish"] as? [String: Any])
        #expect(finish["outcome"] as? String == "completed" && finish["code"] as? String == "DONE1")
        #expect(finish["redirect_url"] as? String == "https://app.prolific.com/submissions/complete?cc=DONE1")
        #expect(try participant.lease().isEmpty)  // the quota is reached

        // The same PID again, from a fresh browser: the same participant, not a second one.
        let (again, resumed) = try enrol(client, ids)
        #expect(again.object["resumed"] as? Bool == true)
        #expect(try resumed?.participation["status"] as? String == "done")
        #expect(try Shell.sqlite(study.database, """
            SELECT count(*) || ',' || platform || ',' || platform_study || ',' || platform_session || ',' || (consented_at IS NOT NULL)
                   || ',' || (completed_at IS NOT NULL) || ',' || consent_version FROM participant WHERE platform_pid = 'PID-1'
            """) == "1,prolific,S-1,X-1,1,1,v1")
        // The participant's name is a pseudonym: the platform id appears in no annotator row.
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM annotator WHERE name LIKE '%PID-1%'") == "0")
        #expect(try Shell.sqlite(study.database, "SELECT name LIKE 'prolific-%' FROM annotator JOIN participant ON participant.annotator_id = annotator.id WHERE platform_pid = 'PID-1'") == "1")
    }

    @Test func aParticipantWhoReturnsTheStudyStopsAndTheTableSaysSo() throws {
        let study = try StudyFixture()
        let code = try createStudy(study, "crowd", ["--quota", "5"])
        let truths = try study.truths()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        let participant = try #require(try enrol(client, ["code": code, "prolific_pid": "PID-R"]).1)
        _ = try participant.post("/api/consent", ["agree": true, "consent_version": "v1"])
        #expect(try participant.answer(truths, right: true) == "practice")
        let returned = try client.request("POST", "/api/return", headers: ["Cookie": participant.cookie])
        #expect(returned.status == 200 && returned.object["status"] as? String == "returned", "\(returned.text)")
        let finish = try #require(returned.object["finish"] as? [String: Any])
        // No code and no redirect: a code would claim a completion; Prolific has its own return button.
        #expect(finish["outcome"] as? String == "returned" && finish["code"] is NSNull && finish["redirect_url"] is NSNull)
        #expect(try participant.lease().isEmpty)
        #expect(try Shell.sqlite(study.database, "SELECT count(*) || ',' || (SELECT returned_at IS NOT NULL FROM participant WHERE platform_pid = 'PID-R') FROM judgement")
                == "1,1")
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        let line = try #require(try admin.get("/api/admin/studies/crowd/participants").array.first)
        #expect(line["status"] as? String == "returned" && line["practice_done"] as? Int == 1 && !(line["ended_at"] is NSNull))
        // An account outside every study has nothing to return.
        let outsider = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        #expect(try outsider.request("POST", "/api/return").status == 409)
    }

    @Test func declineAndScreeningEndWithTheirCodes() throws {
        let study = try StudyFixture()
        let code = try createStudy(study, "crowd", ["--practice-pass", "1"])
        let truths = try study.truths()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        let declining = try #require(try enrol(client, ["code": code, "prolific_pid": "PID-D"]).1)
        let declined = try declining.post("/api/consent", ["agree": false, "consent_version": "v1"]).object
        #expect(declined["status"] as? String == "declined")
        #expect((declined["finish"] as? [String: Any])?["redirect_url"] as? String
                == "https://app.prolific.com/submissions/complete?cc=NOCONSENT1")
        // A later "agree" does not undo the refusal.
        _ = try declining.post("/api/consent", ["agree": true, "consent_version": "v1"])
        #expect(try declining.participation["status"] as? String == "declined" && (try declining.lease()).isEmpty)

        let failing = try #require(try enrol(client, ["code": code, "prolific_pid": "PID-F"]).1)
        _ = try failing.post("/api/consent", ["agree": true, "consent_version": "v1"])
        #expect(try failing.answer(truths, right: true) == "practice")
        #expect(try failing.answer(truths, right: false) == "practice")
        let screened = try failing.participation
        #expect(screened["status"] as? String == "screened_out")
        #expect((screened["finish"] as? [String: Any])?["code"] as? String == "SCREEN1")
        #expect(try failing.lease().isEmpty)
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM judgement WHERE phase = 'test'") == "0")
    }

    @Test func mturkPreviewStoresNothingAndAnAssignmentPostsBack() throws {
        let study = try StudyFixture()
        let code = try createStudy(study, "turk", ["--quota", "1", "--cap", "1"])
        let truths = try study.truths()
        let empty = TemporaryDirectory()
        try empty.write("none.txt", "")
        let edited = try Shell.refhuman(["studies", "edit", "turk", "--consent-file", empty.path("none.txt"), "--db", study.database])
        try #require(edited.status == 0, "\(edited.stderr)")
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let client = HTTPClient(baseURL: server.baseURL)
        let before = try Shell.sqlite(study.database, "SELECT (SELECT count(*) FROM annotator) || ',' || (SELECT count(*) FROM participant)")
        let (preview, previewSession) = try enrol(client, ["code": code, "assignment_id": "ASSIGNMENT_ID_NOT_AVAILABLE", "hit_id": "H1"])
        #expect(preview.status == 200 && preview.object["preview"] as? Bool == true && previewSession == nil)
        #expect((preview.object["study"] as? [String: Any])?["quota"] as? Int == 1)
        #expect(try Shell.sqlite(study.database, "SELECT (SELECT count(*) FROM annotator) || ',' || (SELECT count(*) FROM participant)") == before)
        // Only a count, which the admin's study list gives.
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        let listed = try admin.get("/api/admin/studies").array.first { $0["name"] as? String == "turk" }
        #expect(listed?["previews"] as? Int == 1)

        let worker = try #require(try enrol(client, ["code": code, "worker_id": "W1", "assignment_id": "A1", "hit_id": "H1",
                                                     "turk_submit_to": "https://workersandbox.mturk.com/"]).1)
        #expect(try worker.participation["status"] as? String == "practice")  // an empty consent text skips consent
        while try worker.answer(truths, right: true) == "practice" {}
        let finish = try #require(try worker.participation["finish"] as? [String: Any])
        let form = try #require(finish["form"] as? [String: Any])
        #expect(form["action"] as? String == "https://workersandbox.mturk.com/mturk/externalSubmit")
        #expect(form["fields"] as? [String: String] == ["assignmentId": "A1", "completion_code": "DONE1"])
        // The cap of 1 is reached: a second worker is turned away; the first one still resumes.
        let second = try client.post("/api/enrol", json: ["code": code, "worker_id": "W2", "assignment_id": "A2"])
        #expect(second.status == 409 && second.object["error"] as? String == "study 'turk' has all the participants it needs")
        #expect(try client.post("/api/enrol", json: ["code": code, "worker_id": "W1", "assignment_id": "A1"]).object["resumed"] as? Bool == true)
        // Refusals: an unknown link, ids of both platforms, none at all.
        #expect(try client.post("/api/enrol", json: ["code": "0000", "worker_id": "W3"]).status == 404)
        #expect(try client.post("/api/enrol", json: ["code": code, "worker_id": "W3", "prolific_pid": "P3"]).status == 400)
        #expect(try client.post("/api/enrol", json: ["code": code]).object["detail"] as? String
                == "this link needs PROLIFIC_PID (Prolific) or workerId (MTurk); ask the study for your link")
    }

    @Test func catchTrialsLookLikeTestTrialsOnTheWire() throws {
        let study = try StudyFixture()
        let created = try Shell.refhuman(["studies", "create", "checked", "--practice-count", "0", "--catch-rate", "0.9", "--db", study.database])
        try #require(created.status == 0, "\(created.stderr)")
        let added = try Shell.refhuman(["annotators", "add", "ann", "--study", "checked", "--db", study.database])
        let token = String(added.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "/").last!)
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let leased = try HTTPClient(baseURL: server.baseURL, token: token).lease(count: 5)
        #expect(leased.array.count == 5 && leased.array.allSatisfy { $0["phase"] as? String == "test" }, "\(leased.text)")
        #expect(!leased.text.contains("catch"))
        // Behind the page's back, most of them are catch trials on example or practice images
        // (leases are in the server's memory; a clean stop writes them to the database).
        #expect(server.stop() == 0)
        let catches = Int(try Shell.sqlite(study.database, """
            SELECT count(*) FROM assignment JOIN item ON item.id = assignment.item_id
            WHERE assignment.phase = 'catch' AND item.split IN ('example', 'practice')
            """))!
        #expect(catches >= 1 && catches <= 5)
        let bad = try Shell.refhuman(["studies", "edit", "checked", "--catch-rate", "1", "--db", study.database])
        #expect(bad.status != 0 && bad.stderrLines == ["refhuman: catch rate must be a share from 0 up to (not including) 1"])
    }
}
