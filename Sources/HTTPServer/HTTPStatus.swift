// HTTPStatus: the response statuses RefHuman answers with, by name.
public enum HTTPStatus: Int, Sendable, Equatable {
    case ok = 200
    case created = 201
    case noContent = 204
    case seeOther = 303
    case notModified = 304
    case badRequest = 400
    case unauthorized = 401
    case forbidden = 403
    case notFound = 404
    case methodNotAllowed = 405
    case conflict = 409
    case contentTooLarge = 413
    case unprocessableContent = 422
    case tooManyRequests = 429
    case internalServerError = 500
    case notImplemented = 501
    case serviceUnavailable = 503
}
