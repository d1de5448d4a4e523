// Router: maps method and path pattern (`/api/judgements/{uuid}`) to a handler, and
// turns thrown errors into JSON error responses. An unexpected error answers a generic
// 500 with a request id; its details (SQL text, say) go to the log, never to the client.
import Foundation

public struct Router: Sendable {
    public typealias Handler = @Sendable (Request, RouteParameters) throws -> Response

    private struct Route: Sendable {
        let method: String
        let segments: [String]
        let handler: Handler
    }

    private var routes: [Route] = []
    /// Called when no route matches a GET (static files); nil answers 404.
    public var fallback: Handler?

    public init() {}

    public mutating func add(_ method: String, _ pattern: String, _ handler: @escaping Handler) {
        routes.append(Route(method: method, segments: Self.segments(pattern), handler: handler))
    }

    /// "METHOD /pattern" for every route, in the order added, e.g. to check them against the API's documentation.
    public var routeList: [String] {
        routes.map { "\($0.method) /" + $0.segments.joined(separator: "/") }
    }

    public func handle(_ request: Request) -> Response {
        do {
            return try route(request)
        } catch let error as HTTPError {
            return error.response
        } catch {
            // No path in the line: a join link's path is its token.
            let requestID = UUID().uuidString.prefix(8).lowercased()
            FileHandle.standardError.write(Data("refhuman: request \(requestID) (\(request.method)) failed: \(error)\n".utf8))
            return HTTPError(.internalServerError, error: "internal error", detail: "request id \(requestID)").response
        }
    }

    private func route(_ request: Request) throws -> Response {
        let pathSegments = Self.segments(request.path)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Self.match(route.segments, pathSegments) else { continue }
            let method = request.method == "HEAD" ? "GET" : request.method
            if route.method == method { return try route.handler(request, parameters) }
            allowed.append(route.method)
        }
        if !allowed.isEmpty {
            throw HTTPError(.methodNotAllowed, error: "method not allowed", detail: "use \(allowed.joined(separator: " or "))")
        }
        if let fallback, request.method == "GET" || request.method == "HEAD" {
            return try fallback(request, RouteParameters())
        }
        throw HTTPError.notFound(request.path)
    }

    private static func segments(_ path: String) -> [String] {
        path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
    }

    private static func match(_ pattern: [String], _ path: [String]) -> RouteParameters? {
        guard pattern.count == path.count else { return nil }
        var values: [String: String] = [:]
        for (expected, actual) in zip(pattern, path) {
            if expected.hasPrefix("{") && expected.hasSuffix("}") {
                values[String(expected.dropFirst().dropLast())] = actual
            } else if expected != actual {
                return nil
            }
        }
        return RouteParameters(values)
    }
}
