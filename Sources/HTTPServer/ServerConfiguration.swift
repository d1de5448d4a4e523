// ServerConfiguration: where the server listens and the limits it enforces.
public struct ServerConfiguration: Sendable {
    /// An IPv4 address.
    public var host: String
    /// 0 picks a free port; `HTTPServer.port` reports it.
    public var port: Int
    /// Handler threads. Each can wait on a database commit, so there are more of them
    /// than cores: concurrent judgements then share one commit.
    public var threads: Int
    public var connectionLimit: Int
    /// Idle connections are closed after this many seconds.
    public var timeoutSeconds: Int
    /// Larger bodies are answered 413 without being kept.
    public var maxBodyBytes: Int

    public init(host: String = "127.0.0.1", port: Int = 8080, threads: Int = 32, connectionLimit: Int = 1000,
                timeoutSeconds: Int = 30, maxBodyBytes: Int = 64 * 1024) {
        self.host = host
        self.port = port
        self.threads = threads
        self.connectionLimit = connectionLimit
        self.timeoutSeconds = timeoutSeconds
        self.maxBodyBytes = maxBodyBytes
    }
}
