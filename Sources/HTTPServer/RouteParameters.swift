// RouteParameters: the `{name}` segments a route pattern captured from a path.
public struct RouteParameters: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    /// The captured segment, or a 400 naming it when the route has none.
    public func require(_ name: String) throws -> String {
        guard let value = values[name], !value.isEmpty else { throw HTTPError.badRequest("missing path parameter '\(name)'") }
        return value
    }
}
