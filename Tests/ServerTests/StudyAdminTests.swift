// StudyAdminTests: the admin page's study routes on the real server: create, edit (refused
// once frozen), close, the participants table after an enrolment, and invite links added,
// reissued and disabled.
import Foundation
import TestSupport
import Testing

@Suite struct StudyAdminTests {
    @Test func studiesParticipantsAndInvitesThroughTheAdminAPI() throws {
        let study = try StudyFixture()
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        let created = try admin.post("/api/admin/studies", json: ["name": "pilot", "quota": 1, "practice_count": 0,
                                                                  "completion_code": "END", "pay": "£1"])
        #expect(created.status == 201 && created.object["name"] as? String == "pilot", "\(created.text)")
        #expect((created.object["terms"] as? [String: Any])?["quota"] as? Int == 1)
        let duplicate = try admin.post("/api/admin/studies", json: ["name": "pilot"])
        #expect(duplicate.status == 409 && duplicate.object["error"] as? String == "a study named 'pilot' already exists")
        let bad = try admin.post("/api/admin/studies/pilot", json: ["practice_pass": 2])
        #expect(bad.status == 400 && bad.object["detail"] as? String == "practice pass must be a share from 0 to 1")
        let edited = try admin.post("/api/admin/studies/pilot", json: ["max_guesses": 2, "title": "Pilot"])
        #expect(edited.status == 200 && (edited.object["settings"] as? [String: Any])?["max_guesses"] as? Int == 2)
        #expect(try Shell.sqlite(study.database, "SELECT title || ',' || max_guesses || ',' || quota || ',' || pay FROM study WHERE name = 'pilot'")
                == "Pilot,2,1,£1")
        #expect(try admin.post("/api/admin/studies/nope", json: ["quota": 2]).status == 404)
        // null empties what may be empty; what may not be empty is refused; a field left out stays.
        #expect(try admin.post("/api/admin/studies", json: ["name": "scratch", "quota": 5, "exposure_ms": 300, "pay": "£2"]).status == 201)
        #expect(try admin.post("/api/admin/studies/scratch", json: ["quota": NSNull(), "exposure_ms": NSNull()]).status == 200)
        #expect(try Shell.sqlite(study.database, "SELECT quote(quota) || ',' || quote(exposure_ms) || ',' || pay FROM study WHERE name = 'scratch'")
                == "NULL,NULL,£2")
        let emptied = try admin.post("/api/admin/studies/scratch", json: ["max_guesses": NSNull()])
        #expect(emptied.status == 400 && emptied.object["detail"] as? String == "max_guesses cannot be empty")

        // An invite for the study: its link signs in, and one judgement completes the quota.
        let invite = try admin.post("/api/admin/annotators", json: ["name": "ann", "study": "pilot"])
        #expect(invite.status == 201 && invite.object["study"] as? String == "pilot")
        let token = try #require((invite.object["link"] as? String)?.split(separator: "/").last.map(String.init))
        let ann = HTTPClient(baseURL: server.baseURL, token: token)
        let truths = try study.truths()  // now that "pilot" gave its items their handles
        let item = try #require(try ann.lease().array.first?["item_id"] as? String)
        #expect(try ann.post("/api/judgements", json: ["uuid": UUID().uuidString, "item_id": item, "guesses": [truths[item]!],
                                                          "response_ms": 150]).status == 200)
        let frozen = try admin.post("/api/admin/studies/pilot", json: ["quota": 3])
        #expect(frozen.status == 409 && (frozen.object["error"] as? String)?.hasPrefix("study 'pilot' has test judgements since") == true)

        let participants = try admin.get("/api/admin/studies/pilot/participants").array
        #expect(participants.count == 1)
        let line = try #require(participants.first)
        #expect(line["name"] as? String == "ann" && line["status"] as? String == "done" && line["test_done"] as? Int == 1)
        #expect(line["platform"] is NSNull && line["minutes_spent"] is Double)
        // One answer in 150 ms: all of its timed answers were under 400 ms.
        #expect(line["flags"] as? [String] == ["fast"] && line["catch_done"] as? Int == 0)

        // Reissue: the old link stops working, the new one works; disable ends the account.
        let reissued = try admin.post("/api/admin/annotators/ann/reissue", json: [:])
        let newToken = try #require((reissued.object["link"] as? String)?.split(separator: "/").last.map(String.init))
        #expect(newToken != token)
        #expect(try ann.get("/api/me").status == 401)
        #expect(try HTTPClient(baseURL: server.baseURL, token: newToken).get("/api/me").status == 200)
        #expect(try admin.post("/api/admin/annotators/ann/disable", json: [:]).object["disabled_at"] is String)
        #expect(try HTTPClient(baseURL: server.baseURL, token: newToken).get("/api/me").status == 401)
        #expect(try admin.post("/api/admin/studies/pilot/close", json: [:]).object["closed_at"] is String)
        // Annotators cannot use any of it.
        #expect(try HTTPClient(baseURL: server.baseURL, token: try study.invite("other")).get("/api/admin/studies").status == 403)
    }
}
