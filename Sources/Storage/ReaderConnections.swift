// ReaderConnections: read-only connections for the reads every request makes (the account
// behind a token or a session, an image), one per thread that makes them. GRDB's reader
// pool guards its connections with a dispatch barrier, a semaphore and a key path resolved
// at run time on every checkout: at 5,000 annotators that was a third of each
// authentication (docs/benchmarks.md). A connection here belongs to one thread, so a read
// takes no lock and waits for nobody. The Store owns the connections, and they close with
// it; a thread finds its own through a weak entry in its thread dictionary.
import Foundation
import GRDB
import Synchronization

final class ReaderConnections: Sendable {
    private let path: String
    private let configuration: Configuration
    /// Unique per Store, so a later Store on the same path never reuses these connections.
    private let key = "refhuman.reader.\(UUID().uuidString)"
    private let opened = Mutex<[DatabaseQueue]>([])

    init(path: String, configuration: Configuration) {
        var readOnly = configuration
        readOnly.readonly = true
        self.path = path
        self.configuration = readOnly
    }

    /// Runs `body` on this thread's connection, outside any transaction: fit for one
    /// statement, which reads a consistent snapshot by itself.
    func read<T>(_ body: (Database) throws -> T) throws -> T {
        try connection().unsafeRead(body)
    }

    private final class Entry {
        weak var connection: DatabaseQueue?
        init(_ connection: DatabaseQueue) { self.connection = connection }
    }

    private func connection() throws -> DatabaseQueue {
        let dictionary = Thread.current.threadDictionary
        if let entry = dictionary[key] as? Entry, let connection = entry.connection { return connection }
        let connection = try DatabaseQueue(path: path, configuration: configuration)
        opened.withLock { $0.append(connection) }
        dictionary[key] = Entry(connection)
        return connection
    }
}
