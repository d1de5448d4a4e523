// AnnotatorAPI: the routes an annotator's page calls. None of them reveals a test
// item's truth, anyone else's judgements, or a model's predictions.
import Foundation
import HTTPServer
import Storage

struct AnnotatorAPI: Sendable {
    let desk: StudyDesk
    let auth: Authenticator
    /// The most items one /api/next call leases.
    static let maxBatch = 50

    func register(into router: inout Router) {
        router.add("GET", "/api/me") { request, _ in
            try Response.json(try desk.status(of: try auth.annotator(request)))
        }
        router.add("GET", "/api/categories") { request, _ in
            let cards = try desk.categories(for: try auth.annotator(request))
            return try Response.json(cards.map(CategoryPayload.init))
        }
        router.add("GET", "/api/next") { request, _ in
            let annotator = try auth.annotator(request)
            let count = try Self.count(request.query["count"])
            let assignments = try desk.next(for: annotator, count: count)
            return try Response.json(assignments.map(AssignmentPayload.init))
        }
        router.add("POST", "/api/judgements") { request, _ in
            let annotator = try auth.annotator(request)
            let submission = try request.decodeJSON(JudgementPayload.self).submission
            return try Response.json(try Self.refusalsAsHTTP { try desk.record(submission, by: annotator) })
        }
        router.add("DELETE", "/api/judgements/{uuid}") { request, parameters in
            let annotator = try auth.annotator(request)
            let uuid = try parameters.require("uuid")
            return try Response.json(try Self.refusalsAsHTTP { try desk.undo(uuid: uuid, by: annotator) })
        }
        router.add("GET", "/images/{sha256}") { request, parameters in
            let annotator = try auth.annotator(request)
            let sha256 = try parameters.require("sha256")
            guard sha256.count == 64, sha256.allSatisfy(\.isHexDigit),
                  let image = try desk.image(sha256: sha256, for: annotator) else {
                throw HTTPError.notFound("no image \(sha256)")
            }
            let etag = "\"\(sha256)\""
            let headers: [(name: String, value: String)] = [
                ("Content-Type", "image/\(image.format)"), ("ETag", etag),
                // Content-addressed: the bytes behind this URL can never change.
                ("Cache-Control", "private, max-age=31536000, immutable"),
            ]
            if request.header("if-none-match") == etag { return Response(status: .notModified, headers: headers) }
            return Response(status: .ok, headers: headers, body: .bytes(image.bytes))
        }
    }

    static func count(_ text: String?) throws -> Int {
        guard let text else { return 1 }
        guard let count = Int(text), (1...maxBatch).contains(count) else {
            throw HTTPError.badRequest("count must be a whole number from 1 to \(maxBatch)")
        }
        return count
    }

    static func refusalsAsHTTP<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let refusal as JudgementRefusal {
            let status: HTTPStatus = switch refusal {
            case .malformed: .badRequest
            case .unknownItem, .notFound: .notFound
            case .invalidGuesses: .unprocessableContent
            case .notLeased, .alreadyJudged, .uuidTaken, .notUndoable: .conflict
            }
            throw HTTPError(status, error: refusal.description)
        }
    }
}
