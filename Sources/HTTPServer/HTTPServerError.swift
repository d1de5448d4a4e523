// HTTPServerError: why the server could not start.
public enum HTTPServerError: Error, Equatable, CustomStringConvertible {
    case cannotStart(String)

    public var description: String {
        switch self {
        case let .cannotStart(reason): reason
        }
    }
}
