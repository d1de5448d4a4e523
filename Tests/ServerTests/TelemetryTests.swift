// TelemetryTests: a judgement's telemetry stored as sent, read back with sqlite3 and in
// the per-trial export (device pixels worked out by hand), bad values refused in one
// line, and the sign-in's User-Agent shown to the admin.
import Foundation
import TestSupport
import Testing

@Suite struct TelemetryTests {
    @Test func telemetryIsStoredExportedAndCheckedAndTheUserAgentIsKept() throws {
        let study = try StudyFixture()
        let token = try study.invite("ann")
        let server = try ServerProcess(database: study.database)
        defer { server.stop() }
        let anonymous = HTTPClient(baseURL: server.baseURL)
        let signIn = try anonymous.post("/api/session", json: ["token": token], headers: ["User-Agent": "TestBrowser/1.0 (telemetry)"])
        #expect(signIn.status == 200)
        let client = HTTPClient(baseURL: server.baseURL, token: token)
        let items = try client.lease(count: 2).array
        try #require(items.count == 2)
        let first = items[0]["item_id"] as! String, second = items[1]["item_id"] as! String

        let telemetry: [String: Any] = [
            "hidden_count": 2, "hidden_ms": 1500, "blur_count": 3, "blur_ms": 2100, "fullscreen_exits": 1,
            "viewport_width": 1280, "viewport_height": 720, "device_pixel_ratio": 1.5, "image_width": 281, "image_height": 280,
        ]
        // Out of range or of the wrong type: refused with the field's wire name, nothing stored.
        for (key, value, reason) in [("hidden_ms", -1, "telemetry.hidden_ms must not be negative"),
                                     ("viewport_width", 0, "telemetry.viewport_width must be positive")] as [(String, Any, String)] {
            var bad = telemetry
            bad[key] = value
            let refused = try client.post("/api/judgements", json: ["uuid": UUID().uuidString.lowercased(), "item_id": first,
                                                                    "guesses": [0], "response_ms": 2000, "telemetry": bad])
            #expect(refused.status == 400 && refused.object["error"] as? String == reason, "\(refused.text)")
        }
        var wrongType = telemetry
        wrongType["blur_count"] = "three"
        let mistyped = try client.post("/api/judgements", json: ["uuid": UUID().uuidString.lowercased(), "item_id": first,
                                                                 "guesses": [0], "response_ms": 2000, "telemetry": wrongType])
        #expect(mistyped.status == 400 && (mistyped.object["detail"] as? String)?.contains("telemetry.blur_count") == true, "\(mistyped.text)")
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM judgement") == "0")

        let uuid = UUID().uuidString.lowercased()
        #expect(try client.post("/api/judgements", json: ["uuid": uuid, "item_id": first, "guesses": [0], "response_ms": 2000,
                                                          "telemetry": telemetry]).status == 200)
        // A client without telemetry (a script) stores NULLs.
        #expect(try client.post("/api/judgements", json: ["uuid": UUID().uuidString.lowercased(), "item_id": second,
                                                          "guesses": [1], "response_ms": 900]).status == 200)
        let stored = try Shell.sqlite(study.database, """
            SELECT hidden_count, hidden_ms, blur_count, blur_ms, fullscreen_exits, viewport_width, viewport_height,
                   device_pixel_ratio, image_width, image_height, quote(measured_exposure_ms) FROM judgement WHERE uuid = '\(uuid)'
            """)
        #expect(stored == "2|1500|3|2100|1|1280|720|1.5|281|280|NULL")
        #expect(try Shell.sqlite(study.database, "SELECT count(*) FROM judgement WHERE hidden_ms IS NULL AND viewport_width IS NULL") == "1")

        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        let csv = try admin.get("/api/admin/export/judgements?format=csv").text
        let rows = csv.split(separator: "\r\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = rows[0]
        let row = try #require(rows.first { $0.first == uuid })
        func cell(_ name: String) -> String? { header.firstIndex(of: name).map { row[$0] } }
        // 1280 × 720 CSS pixels at 1.5 are 1920 × 1080 device pixels; 281 × 1.5 = 421.5 rounds to 422.
        #expect(cell("viewport_device_width") == "1920" && cell("viewport_device_height") == "1080")
        #expect(cell("image_device_width") == "422" && cell("image_device_height") == "420")
        #expect(cell("hidden_ms") == "1500" && cell("fullscreen_exits") == "1" && cell("measured_exposure_ms") == "")
        let lines = try admin.get("/api/admin/export/judgements?format=jsonl").text.split(separator: "\n")
        let line = try #require(lines.map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
            .first { $0["uuid"] as? String == uuid })
        let exported = try #require(line["telemetry"] as? [String: Any])
        #expect(exported["blur_ms"] as? Int == 2100 && exported["device_pixel_ratio"] as? Double == 1.5)
        #expect(exported["measured_exposure_ms"] is NSNull)

        let progress = try admin.get("/api/admin/progress").object
        let annotators = try #require(progress["annotators"] as? [[String: Any]])
        let ann = try #require(annotators.first { $0["name"] as? String == "ann" })
        #expect(ann["user_agent"] as? String == "TestBrowser/1.0 (telemetry)")
        #expect((ann["flags"] as? [String]) == [])
    }
}
