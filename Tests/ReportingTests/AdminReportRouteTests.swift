// AdminReportRouteTests: `/api/admin/report` and `/api/admin/export/judgements` on the real
// server give what the CLI gives, to the admin only, with clear refusals.
import Foundation
import Testing
import TestSupport

@Suite struct AdminReportRouteTests {
    /// The report without its timestamp, which differs between two runs.
    func withoutTime(_ data: Data) throws -> NSDictionary {
        var object = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        object["generated_at"] = nil
        return object as NSDictionary
    }

    @Test func routesServeTheCLIsReportAndExport() throws {
        let study = try ReportStudy()
        let invite = try study.refhuman(["annotators", "add", "cy"])
        let annotatorToken = String(invite.stdout.trimmingCharacters(in: .whitespacesAndNewlines).split(separator: "/").last ?? "")
        let server = try ServerProcess(database: study.database)
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        let annotator = HTTPClient(baseURL: server.baseURL, token: annotatorToken)

        let reportJSON = try admin.get("/api/admin/report?dataset=pets&format=json")
        #expect(reportJSON.status == 200 && reportJSON.headers["content-type"] == "application/json")
        #expect(try withoutTime(reportJSON.body) == withoutTime(try study.refhuman(["report", "--dataset", "pets"]).stdoutData))

        let csv = try admin.get("/api/admin/report?dataset=pets&format=csv&model=m")
        #expect(csv.text == (try study.refhuman(["report", "--format", "csv"])).stdout)

        let html = try admin.get("/api/admin/report?dataset=pets&format=html&download=1")
        #expect(html.headers["content-type"] == "text/html; charset=utf-8")
        #expect(html.headers["content-disposition"]?.hasSuffix("-report.html\"") == true)
        #expect(html.text.contains("&lt;fox&gt; &amp; &quot;friends&quot;"))

        for format in ["csv", "jsonl"] {
            let export = try admin.get("/api/admin/export/judgements?dataset=pets&format=\(format)")
            #expect(export.status == 200)
            #expect(export.body == (try study.refhuman(["export", "judgements", "--format", format])).stdoutData, "\(format)")
        }

        #expect(try admin.get("/api/admin/report?format=pdf").object["detail"] as? String
            == "format must be one of json, csv, html, not 'pdf'")
        #expect(try admin.get("/api/admin/report?format=pdf").status == 400)
        #expect(try admin.get("/api/admin/report?dataset=nope").status == 404)
        #expect(try admin.get("/api/admin/report?model=other").status == 400)
        #expect(try admin.get("/api/admin/export/judgements?format=xml").status == 400)
        for route in ["/api/admin/report", "/api/admin/export/judgements"] {
            #expect(try annotator.get(route).status == 403, "\(route)")
            #expect(try HTTPClient(baseURL: server.baseURL).get(route).status == 401, "\(route)")
        }
        // The API document is public.
        let openAPI = try HTTPClient(baseURL: server.baseURL).get("/api/openapi.json")
        #expect(openAPI.status == 200 && openAPI.headers["content-type"] == "application/json; charset=utf-8")
        #expect((openAPI.object["paths"] as? [String: Any])?["/api/admin/report"] != nil)
        #expect(server.stop() == 0)
    }

    /// Today on the server's calendar (it runs on this machine, in this time zone).
    func today() -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = .current
        formatter.dateFormat = "yyyy-MM-dd"
        return formatter.string(from: Date())
    }

    @Test func downloadsAreNamedAfterTheDatasetAndTheDay() throws {
        let study = try ReportStudy()
        let server = try ServerProcess(database: study.database)
        let admin = HTTPClient(baseURL: server.baseURL, token: server.adminToken)
        let before = today()
        let downloads = [
            (try admin.get("/api/admin/report?dataset=pets&format=html&download=1"), "report.html"),
            (try admin.get("/api/admin/report?dataset=pets&format=csv&download=1"), "report.csv"),
            (try admin.get("/api/admin/export/judgements?dataset=pets&format=jsonl&download=1"), "judgements.jsonl"),
        ]
        let after = today() // a download made across midnight may carry either day
        for (response, name) in downloads {
            let expected = Set([before, after].map { "attachment; filename=\"pets-\($0)-\(name)\"" })
            #expect(expected.contains(response.headers["content-disposition"] ?? ""), "\(response.headers)")
        }
        #expect(server.stop() == 0)
    }
}
