// ServerConfiguration: where the server listens, the limits it enforces, and how it logs.
import Foundation

public struct ServerConfiguration: Sendable {
    /// An IPv4 or IPv6 literal; `::` takes both families.
    public var host: String
    /// 0 picks a free port; `HTTPServer.port` reports it.
    public var port: Int
    /// Open connections at most. A connection costs a socket and a little memory, no thread.
    public var connectionLimit: Int
    /// Open connections one client address may hold, so one client cannot take them all.
    public var perAddressLimit: Int
    /// A connection silent for this long is closed.
    public var idleTimeoutSeconds: Int
    /// A connection must deliver a whole request head within this long of opening or of
    /// its previous answer (a client sending a byte at a time is cut off here).
    public var headTimeoutSeconds: Int
    /// Larger bodies are answered 413 without being kept.
    public var maxBodyBytes: Int
    /// Threads that run handlers; connections waiting on the writer hold none of them. One
    /// per core: on two cores, more only added context switches and lock contention (docs/benchmarks.md).
    public var handlerThreads: Int
    /// Threads that run background-lane handlers (reports, exports). One, so that however
    /// many admins ask at once, their work leaves the other cores to annotators.
    public var backgroundThreads: Int
    /// libmicrohttpd's polling threads, each with its own epoll and share of the connections.
    /// One suffices for every connection: its work per request is small beside the handler's,
    /// and a second on two cores measured slower (capacity in docs/benchmarks.md).
    public var pollingThreads: Int
    /// PEM text of the key and certificate; both nil serves plain HTTP.
    public var tls: (key: String, certificate: String)?
    /// Honour X-Forwarded-For and X-Forwarded-Proto, but only from a loopback peer.
    public var trustProxy: Bool
    /// nil logs nothing (tests and benchmarks that measure the server alone).
    public var accessLog: LogFormat?

    public init(host: String = "127.0.0.1", port: Int = 8080, connectionLimit: Int = 20_000, perAddressLimit: Int = 64,
                idleTimeoutSeconds: Int = 15, headTimeoutSeconds: Int = 10, maxBodyBytes: Int = 64 * 1024,
                handlerThreads: Int = ProcessInfo.processInfo.activeProcessorCount, backgroundThreads: Int = 1, pollingThreads: Int = 1, tls: (key: String, certificate: String)? = nil, trustProxy: Bool = false,
                accessLog: LogFormat? = nil) {
        self.host = host
        self.port = port
        self.connectionLimit = connectionLimit
        self.perAddressLimit = perAddressLimit
        self.idleTimeoutSeconds = idleTimeoutSeconds
        self.headTimeoutSeconds = headTimeoutSeconds
        self.maxBodyBytes = maxBodyBytes
        self.handlerThreads = handlerThreads
        self.backgroundThreads = backgroundThreads
        self.pollingThreads = pollingThreads
        self.tls = tls
        self.trustProxy = trustProxy
        self.accessLog = accessLog
    }

    public var scheme: String { tls == nil ? "http" : "https" }
}
