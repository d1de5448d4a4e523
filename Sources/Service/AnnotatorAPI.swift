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
        router.add(.get, "/api/me") { request, _ in
            try Response.json(try desk.status(of: try auth.annotator(request)))
        }
        router.add(.get, "/api/categories") { request, _ in
            let cards = try desk.categories(for: try auth.annotator(request))
            return try Response.json(cards.map(CategoryPayload.init))
        }
        router.add(.get, "/api/hierarchy") { request, _ in
            try Response.json(HierarchyPayload(nodes: try desk.hierarchy(for: try auth.annotator(request))))
        }
        router.add(.get, "/api/categories/{index}/examples") { request, parameters in
            let annotator = try auth.annotator(request)
            guard let index = Int(try parameters.require("index")), index >= 0 else {
                throw HTTPError.badRequest("a category index is a whole number from 0")
            }
            let offset = try Self.wholeNumber(request.query["offset"], name: "offset", default: 0, range: 0...1_000_000)
            let limit = try Self.wholeNumber(request.query["limit"], name: "limit", default: 26, range: 1...100)
            let found = try desk.examples(category: index, offset: offset, limit: limit, for: annotator)
            return try Response.json(ExamplesPayload(examples: found.handles.map { "/images/\($0)" }, total: found.total))
        }
        // A POST: leasing changes state, so a GET (a link, an <img> on another page) must not do it.
        router.add(.post, "/api/next") { request, _ in
            let annotator = try auth.annotator(request)
            let count = try Self.count(request.query["count"])
            let assignments = try await Self.storeErrorsAsHTTP { try await desk.next(for: annotator, count: count) }
            return try Response.json(assignments.map(AssignmentPayload.init))
        }
        router.add(.post, "/api/judgements") { request, _ in
            let annotator = try auth.annotator(request)
            let submission = try request.decodeJSON(JudgementPayload.self).submission
            return try Response.json(try await Self.storeErrorsAsHTTP { try await desk.record(submission, by: annotator) })
        }
        router.add(.delete, "/api/judgements/{uuid}") { request, parameters in
            let annotator = try auth.annotator(request)
            let uuid = try parameters.require("uuid")
            return try Response.json(try await Self.storeErrorsAsHTTP { try await desk.undo(uuid: uuid, by: annotator) })
        }
        router.add(.get, "/images/{handle}") { request, parameters in
            let annotator = try auth.annotator(request)
            let handle = try parameters.require("handle")
            guard handle.count == 24, handle.allSatisfy({ $0.isHexDigit }),
                  let image = try desk.image(handle: handle, for: annotator) else {
                throw HTTPError.notFound("no image \(handle)")
            }
            let etag = "\"\(handle)\""
            let headers: [(name: String, value: String)] = [
                ("Content-Type", "image/\(image.format)"), ("ETag", etag),
                // A handle names one item of one study for good: the bytes behind it never change.
                ("Cache-Control", "private, max-age=31536000, immutable"),
            ]
            if request.header("if-none-match") == etag { return Response(status: .notModified, headers: headers) }
            return Response(status: .ok, headers: headers, body: .bytes(image.bytes))
        }
    }

    /// A query parameter that must be a whole number in `range`, or its default when absent.
    static func wholeNumber(_ text: String?, name: String, default fallback: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text else { return fallback }
        guard let value = Int(text), range.contains(value) else {
            throw HTTPError.badRequest("\(name) must be a whole number from \(range.lowerBound) to \(range.upperBound)")
        }
        return value
    }

    static func count(_ text: String?) throws -> Int {
        guard let text else { return 1 }
        guard let count = Int(text), (1...maxBatch).contains(count) else {
            throw HTTPError.badRequest("count must be a whole number from 1 to \(maxBatch)")
        }
        return count
    }

    /// A write's refusals as HTTP errors: a judgement refused, or the store refusing (see
    /// StorageError+HTTP; stopping, or its file gone, is a 503).
    static func storeErrorsAsHTTP<Value>(_ body: () async throws -> Value) async throws -> Value {
        do {
            return try await body()
        } catch let error as StorageError {
            throw error.httpError ?? error
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
