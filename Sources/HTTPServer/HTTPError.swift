// HTTPError: a refusal with a status, rendered as `{"error": "...", "detail": "..."}`.
import Foundation

public struct HTTPError: Error, Sendable, Equatable, CustomStringConvertible {
    public let status: HTTPStatus
    public let error: String
    public let detail: String

    public init(_ status: HTTPStatus, error: String, detail: String = "") {
        self.status = status
        self.error = error
        self.detail = detail
    }

    public var description: String { "\(status.rawValue) \(error)\(detail.isEmpty ? "" : ": \(detail)")" }

    public var response: Response {
        // Encoding two strings cannot fail.
        (try? Response.json(["error": error, "detail": detail], status: status)) ?? Response(status: status)
    }

    public static func notFound(_ detail: String = "") -> HTTPError { HTTPError(.notFound, error: "not found", detail: detail) }
    public static func badRequest(_ detail: String) -> HTTPError { HTTPError(.badRequest, error: "bad request", detail: detail) }
}
