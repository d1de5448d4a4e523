// RouteParameters: the `{name}` segments a route pattern captured from a path.
public struct RouteParameters: Sendable {
    public let values: [String: String]

    public init(_ values: [String: String] = [:]) { self.values = values }

    public subscript(_ name: String) -> String? { values[name] }
}
