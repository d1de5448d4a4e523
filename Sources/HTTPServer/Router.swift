// Router: maps method and path pattern (`/api/judgements/{uuid}`) to a handler, and
// turns thrown errors into JSON error responses. An unexpected error answers a generic
// 500 with the request id; its details (SQL text, say) go to the log, never to the client.
import Foundation

public struct Router: Sendable {
    public typealias Handler = @Sendable (Request, RouteParameters) async throws -> Response

    private struct Route: Sendable {
        let method: HTTPMethod
        let segments: [String]
        let lane: Lane
        let handler: Handler
    }

    /// Route parameters with this name are secrets (invite tokens): the log shows the pattern instead.
    public static let secretParameter = "token"

    private var routes: [Route] = []
    /// The segments before the secret of each route that has one, kept apart at `add` because
    /// every logged request asks (`loggablePath`), and only a route or two have a secret.
    private var secretPrefixes: [[String]] = []
    /// Called when no route matches a GET (static files); nil answers 404.
    public var fallback: Handler?

    public init() {}

    public mutating func add(_ method: HTTPMethod, _ pattern: String, lane: Lane = .request, _ handler: @escaping Handler) {
        let segments = Self.segments(pattern)
        routes.append(Route(method: method, segments: segments, lane: lane, handler: handler))
        if let position = segments.firstIndex(of: "{\(Self.secretParameter)}") {
            secretPrefixes.append(Array(segments[..<position]))
        }
    }

    /// "METHOD /pattern" for every route, in the order added, e.g. to check them against the API's documentation.
    public var routeList: [String] {
        routes.map { "\($0.method.rawValue) /" + $0.segments.joined(separator: "/") }
    }

    /// The response to `request`; a background route's handler runs on `background` when given.
    public func handle(_ request: Request, background: (any TaskExecutor)? = nil) async -> Response {
        do {
            return try await route(request, background: background)
        } catch let error as HTTPError {
            return error.response
        } catch {
            // No path in the line: a join link's path is its token.
            FileHandle.standardError.write(Data("refhuman: request \(request.id) (\(request.method.rawValue)) failed: \(error)\n".utf8))
            return HTTPError(.internalServerError, error: "internal error", detail: "request id \(request.id)").response
        }
    }

    /// The path as the access log may show it: where a route has a secret segment, any path
    /// that agrees with the route up to it shows `{token}` there (a mistyped join link too).
    public func loggablePath(_ path: String) -> String {
        var pathSegments = Self.segments(path)
        for prefix in secretPrefixes {
            guard pathSegments.count > prefix.count,
                  zip(prefix, pathSegments).allSatisfy({ $0.hasPrefix("{") || $0 == $1 }) else { continue }
            pathSegments[prefix.count] = "{\(Self.secretParameter)}"
            return "/" + pathSegments.joined(separator: "/")
        }
        return path
    }

    private func route(_ request: Request, background: (any TaskExecutor)?) async throws -> Response {
        let pathSegments = Self.segments(request.path)
        var allowed: [String] = []
        for route in routes {
            guard let parameters = Self.match(route.segments, pathSegments) else { continue }
            let method: HTTPMethod = request.method == .head ? .get : request.method
            guard route.method == method else {
                allowed.append(route.method.rawValue)
                continue
            }
            if route.lane == .background, let background {
                return try await withTaskExecutorPreference(background) { try await route.handler(request, parameters) }
            }
            return try await route.handler(request, parameters)
        }
        if !allowed.isEmpty {
            var refusal = HTTPError(.methodNotAllowed, error: "method not allowed", detail: "use \(allowed.joined(separator: " or "))").response
            refusal.headers.append(("Allow", allowed.joined(separator: ", ")))
            return refusal
        }
        if let fallback, request.method == .get || request.method == .head {
            return try await fallback(request, RouteParameters())
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
