// ServerConfiguration: where the server listens and the limits it enforces.
public struct ServerConfiguration: Sendable {
    /// An IPv4 address.
    public var host: String
    /// 0 picks a free port; `HTTPServer.port` reports it.
    public var port: Int
    /// Each connection gets its own thread (see HTTPServer), so this also bounds the threads.
    public var connectionLimit: Int
    /// Idle connections are closed after this many seconds.
    public var timeoutSeconds: Int
    /// Larger bodies are answered 413 without being kept.
    public var maxBodyBytes: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, connectionLimit: Int = 1000,
                timeoutSeconds: Int = 30, maxBodyBytes: Int = 64 * 1024) {
        self.host = host
        self.port = port
        self.connectionLimit = connectionLimit
        self.timeoutSeconds = timeoutSeconds
        self.maxBodyBytes = maxBodyBytes
    }
}
