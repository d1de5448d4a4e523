// HTTPServerError: why the server could not start.
public enum HTTPServerError: Error, Equatable, CustomStringConvertible {
    case portOutOfRange(Int)
    case cannotListen(host: String, port: Int)
    case unreadableTLSFile(path: String, reason: String)
    case tlsFilesIncomplete

    public var description: String {
        switch self {
        case let .portOutOfRange(port):
            "port \(port) is out of range (0 to 65535)"
        case let .cannotListen(host, port):
            "cannot listen on \(host.contains(":") ? "[\(host)]" : host):\(port) (port in use, or not an IPv4 or IPv6 address of this machine)"
        case let .unreadableTLSFile(path, reason):
            "\(path): cannot read: \(reason)"
        case .tlsFilesIncomplete:
            "HTTPS needs both --tls-cert and --tls-key"
        }
    }
}
