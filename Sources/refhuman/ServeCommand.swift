// ServeCommand: `refhuman serve`: runs the annotation server until SIGINT or SIGTERM,
// printing the admin link (a fresh token each start, issued once the port is bound)
// like Jupyter does.
import ArgumentParser
import Dispatch
import Foundation
import HTTPServer
import Service
import Storage

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the annotation UI and API.",
        discussion: """
            Access log: one line per request on stderr (time, client, method, path, status, ms,
            request id); tokens never appear in it.

            Examples:
              refhuman serve --db study.sqlite --port 9000 --lease-seconds 900
              refhuman serve --host :: --port 8443 --tls-cert cert.pem --tls-key key.pem
              refhuman serve --trust-proxy --public-url https://study.example.org
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on: IPv4 or IPv6; :: takes both.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("public"), help: "Directory of the web UI (default: the one installed or built beside this binary).")
    var publicDirectory: String?

    @Option(help: "Seconds an item stays reserved for the annotator it was given to.")
    var leaseSeconds = 600

    @Option(help: ArgumentHelp("PEM certificate for HTTPS (with --tls-key).", valueName: "file"))
    var tlsCert: String?

    @Option(help: ArgumentHelp("PEM private key for HTTPS (with --tls-cert).", valueName: "file"))
    var tlsKey: String?

    @Flag(help: "Behind a reverse proxy on this machine: take the client's address and scheme from X-Forwarded-For and -Proto sent by a loopback peer.")
    var trustProxy = false

    @Option(help: ArgumentHelp("The address people reach the server at, for the printed links (e.g. the proxy's https URL).", valueName: "url"))
    var publicURL: String?

    @Option(help: "Open connections at most (default 20,000, or what the open-file limit allows).")
    var maxConnections: Int?

    @Option(help: "Open connections one client address may hold.")
    var maxConnectionsPerAddress = 64

    @Option(help: "Seconds of silence after which a connection is closed.")
    var idleTimeout = 15

    @Option(help: "Seconds a connection has to send a whole request head, from opening or from its previous answer.")
    var headTimeout = 10

    @Option(help: "Access log format: text, json or off.")
    var log = AccessLogChoice.text

    func validate() throws {
        guard (tlsCert == nil) == (tlsKey == nil) else { throw ValidationError("HTTPS needs both --tls-cert and --tls-key") }
        for (name, value) in [("--max-connections", maxConnections ?? 1), ("--max-connections-per-address", maxConnectionsPerAddress),
                              ("--idle-timeout", idleTimeout), ("--head-timeout", headTimeout), ("--lease-seconds", leaseSeconds)]
        where value < 1 {
            throw ValidationError("\(name) must be at least 1")
        }
    }

    func run() throws {
        // Before anything is printed: a SIGTERM sent as soon as the banner appears must find
        // its handler, not the ignored disposition set up for it.
        let stopped = DispatchSemaphore(value: 0)
        let signals = [SIGINT, SIGTERM].map { number in
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopped.signal() }
            source.resume()
            signal(number, SIG_IGN)
            return source
        }
        let lock = try ServeLock.acquire(database: store.db)
        let tls = try tlsCert.map { certificate in (key: try Self.readPEM(tlsKey!), certificate: try Self.readPEM(certificate)) }
        // Each connection is a descriptor; SQLite, the UI's files and the log need a few more.
        let wanted = maxConnections ?? 20_000
        let descriptors = FileDescriptorLimit.raise(to: wanted + 64)
        let connectionLimit = min(wanted, max(64, descriptors - 64))
        let database = try Store(path: store.db, concurrentReaders: true)
        let desk = StudyDesk(store: database, leaseSeconds: leaseSeconds)
        let configuration = ServerConfiguration(
            host: host, port: port, connectionLimit: connectionLimit, perAddressLimit: maxConnectionsPerAddress,
            idleTimeoutSeconds: idleTimeout, headTimeoutSeconds: headTimeout, tls: tls, trustProxy: trustProxy,
            accessLog: log.format)
        let server = HTTPServer(configuration: configuration,
                                router: AnnotationService(desk: desk, publicDirectory: publicDirectory ?? PublicDirectory.locate(),
                                                                  software: RefHuman.software).router())
        try server.start()
        // Only now that the port is ours: a serve that failed to start leaves the live admin link alone.
        let adminToken = try database.issueAdminToken()
        let base = publicURL.map { $0.hasSuffix("/") ? String($0.dropLast()) : $0 }
            ?? "\(configuration.scheme)://\(Self.displayHost(host)):\(server.port)"
        lock.record(baseURL: base)
        if let maxConnections, connectionLimit < maxConnections {
            StatusLine.say("refhuman: only \(connectionLimit) connections: the open-file limit is \(descriptors)")
        }
        // Unbuffered, so a script reading the port sees it at once.
        FileHandle.standardOutput.write(Data("""
            RefHuman is serving on \(base)\(publicURL == nil ? "" : " (listening on \(Self.displayHost(host)):\(server.port))")
              admin link:  \(base)/join/\(adminToken)
              annotators:  refhuman annotators add NAME --base-url \(base) --db \(store.db)

            """.utf8))

        stopped.wait()
        // Requests already in a handler finish (their judgements commit) before the
        // writer drains what is left and stops.
        server.stop()
        desk.shutdown()
        signals.forEach { $0.cancel() }
        StatusLine.say("refhuman: stopped; every acknowledged judgement is committed")
    }

    /// How a person reaches `host` in a link: a wildcard address means this machine.
    static func displayHost(_ host: String) -> String {
        if host == "::" || host == "0.0.0.0" { return "localhost" }
        return host.contains(":") ? "[\(host)]" : host
    }

    private static func readPEM(_ path: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw HTTPServerError.unreadableTLSFile(path: path, reason: FileManager.default.fileExists(atPath: path) ? "not readable" : "no such file")
        }
        let text = String(decoding: data, as: UTF8.self)
        guard text.contains("-----BEGIN ") else { throw HTTPServerError.unreadableTLSFile(path: path, reason: "not a PEM file") }
        return text
    }
}
