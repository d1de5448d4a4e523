// ServeCommand: `refhuman serve`: runs the annotation server until SIGINT or SIGTERM,
// printing the admin link (a fresh token each start) like Jupyter does.
import ArgumentParser
import Dispatch
import Foundation
import HTTPServer
import Service
import Storage

struct ServeCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "serve", abstract: "Serve the annotation UI and API.",
        discussion: """
            Examples:
              refhuman serve
              refhuman serve --db study.sqlite --port 9000 --lease-seconds 900
            """)

    @OptionGroup var store: StoreOptions

    @Option(help: "IPv4 address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on (0 picks a free one).")
    var port = 8080

    @Option(name: .customLong("public"), help: "Directory of the web UI (default: the one installed or built beside this binary).")
    var publicDirectory: String?

    @Option(help: "Seconds an item stays reserved for the annotator it was given to.")
    var leaseSeconds = 600

    func run() throws {
        let database = try Store(path: store.db, concurrentReaders: true)
        let desk = StudyDesk(store: database, leaseSeconds: leaseSeconds)
        let adminToken = try database.issueAdminToken()
        let server = HTTPServer(configuration: ServerConfiguration(host: host, port: port),
                                router: AnnotationService(desk: desk, publicDirectory: publicDirectory ?? PublicDirectory.locate()).router())
        try server.start()
        let base = "http://\(host):\(server.port)"
        // Unbuffered, so a script reading the port sees it at once.
        FileHandle.standardOutput.write(Data("""
            RefHuman is serving on \(base)
              admin link:  \(base)/join/\(adminToken)
              annotators:  refhuman annotators add NAME --base-url \(base) --db \(store.db)

            """.utf8))

        let stopped = DispatchSemaphore(value: 0)
        let signals = [SIGINT, SIGTERM].map { number in
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { stopped.signal() }
            source.resume()
            return source
        }
        stopped.wait()
        // Requests already in a handler finish (their judgements commit) before the
        // writer drains what is left and stops.
        server.stop()
        desk.shutdown()
        signals.forEach { $0.cancel() }
        StatusLine.say("refhuman: stopped; every acknowledged judgement is committed")
    }
}
