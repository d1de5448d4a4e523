// HTTPMethod: the request methods RefHuman knows. Anything else is answered 501, a
// known method a route does not take 405.
public enum HTTPMethod: String, Sendable, CaseIterable {
    case get = "GET"
    case head = "HEAD"
    case post = "POST"
    case put = "PUT"
    case delete = "DELETE"
    case patch = "PATCH"
    case options = "OPTIONS"

    /// GET and HEAD only read: they never change state (RFC 9110 §9.2.1), so a link or an
    /// `<img>` on another page cannot make an annotator do anything.
    public var isSafe: Bool { self == .get || self == .head || self == .options }
}
