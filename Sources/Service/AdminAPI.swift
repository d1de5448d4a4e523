// AdminAPI: routes for whoever runs the study (the admin link's token): progress, the
// report and the per-trial export.
import Foundation
import HTTPServer
import Reporting
import Storage

struct AdminAPI: Sendable {
    let desk: StudyDesk
    let auth: Authenticator
    let software: String

    func register(into router: inout Router) {
        router.add(.get, "/api/admin/progress", lane: .background) { request, _ in
            _ = try auth.admin(request)
            return try Response.json(try desk.progress())
        }
        router.add(.get, "/api/admin/report", lane: .background) { request, _ in
            _ = try auth.admin(request)
            let format = try Self.choice(ReportFormat.self, request.query["format"], default: .json)
            // Several models: `model=a,b`; none named: every stored model.
            let models = request.query["model"].map { $0.split(separator: ",").map(String.init) }
            let body = try Self.storeErrorsAsHTTP {
                try StudyReporter(store: desk.store, software: software).render(dataset: request.query["dataset"], study: request.query["study"],
                                                                models: models, format: format)
            }
            let filename = DownloadName.file(dataset: request.query["study"] ?? request.query["dataset"], contents: "report", fileExtension: format.rawValue)
            var response = Self.download(body, type: format.contentType, filename: filename, request: request)
            if format == .html { response.headers.append(("Content-Security-Policy", SecurityHeaders.framedDocumentPolicy)) }
            return response
        }
        router.add(.get, "/api/admin/export/judgements", lane: .background) { request, _ in
            _ = try auth.admin(request)
            let format = try Self.choice(ExportFormat.self, request.query["format"], default: .csv)
            let body = try Self.storeErrorsAsHTTP {
                try TrialExport(store: desk.store, software: software).render(dataset: request.query["dataset"], study: request.query["study"], format: format)
            }
            let filename = DownloadName.file(dataset: request.query["study"] ?? request.query["dataset"], contents: "judgements", fileExtension: format.rawValue)
            return Self.download(body, type: format.contentType, filename: filename, request: request)
        }
        // The export's provenance, which its CSV and JSONL rows have no room for.
        router.add(.get, "/api/admin/export/provenance", lane: .background) { request, _ in
            _ = try auth.admin(request)
            let body = try Self.storeErrorsAsHTTP {
                try TrialExport(store: desk.store, software: software).provenance(dataset: request.query["dataset"], study: request.query["study"])
            }
            let filename = DownloadName.file(dataset: request.query["study"] ?? request.query["dataset"], contents: "provenance", fileExtension: "json")
            return Self.download(body, type: "application/json", filename: filename, request: request)
        }
    }

    static func choice<Choice: RawRepresentable & CaseIterable>(_: Choice.Type, _ text: String?, default value: Choice) throws -> Choice
    where Choice.RawValue == String {
        guard let text else { return value }
        guard let choice = Choice(rawValue: text) else {
            let allowed = Choice.allCases.map(\.rawValue).joined(separator: ", ")
            throw HTTPError.badRequest("format must be one of \(allowed), not '\(text)'")
        }
        return choice
    }

    /// `download=1` asks the browser to save the file rather than show it.
    static func download(_ body: Data, type: String, filename: String, request: Request) -> Response {
        var headers: [(name: String, value: String)] = [("Content-Type", type), ("Cache-Control", "no-store")]
        if request.query["download"] == "1" {
            headers.append(("Content-Disposition", "attachment; filename=\"\(filename)\""))
        }
        return Response(status: .ok, headers: headers, body: .bytes(body))
    }

    static func storeErrorsAsHTTP(_ body: () throws -> Data) throws -> Data {
        do {
            return try body()
        } catch let error as StorageError {
            // What StorageError+HTTP does not list (an unknown model, say) is still the request's fault here.
            throw error.httpError ?? HTTPError.badRequest(error.description)
        }
    }
}
