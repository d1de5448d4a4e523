// Store: the one SQLite file behind RefHuman, opened in WAL mode with foreign keys,
// a busy timeout and synchronous=FULL, and migrated to this build's schema on open.
import Foundation
import GRDB

public final class Store: Sendable {
    public let path: String
    let pool: any DatabaseWriter
    /// The file opened, for the writer's check that it is still the one at `path`.
    let fileIdentity: DatabaseFileIdentity?
    /// A server's connections for the one-statement reads every request makes; nil for commands.
    private let readers: ReaderConnections?
    /// A server's accounts behind tokens and sessions, kept between requests; nil for commands.
    let accounts: AccountCache?

    /// Opens the database at `path` and applies pending migrations.
    /// - Parameter concurrentReaders: a connection pool for a server. Off for commands:
    ///   GRDB's pool writes to the file as it opens it (to create the WAL), and a refused
    ///   command must leave the database byte for byte as it was.
    /// - Parameter creating: make the file (and its folder) when missing; commands that only
    ///   read a database refuse a missing one instead.
    public init(path: String, migrations: [Migration]? = nil, concurrentReaders: Bool = false, creating: Bool = true) throws {
        self.path = path
        if creating {
            let directory = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        } else if !FileManager.default.fileExists(atPath: path) {
            throw StorageError.noDatabase(path: path)
        }
        try OpenDatabaseFiles.shared.register(path) { try Self.refuseNonSQLite(path: path) }
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            if !concurrentReaders {
                // A no-op on a database already in WAL mode, so it writes nothing then.
                let mode = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
                guard mode == "wal" else { throw DatabaseError(message: "cannot switch to WAL mode (got \(mode ?? "nothing"))") }
            }
            // FULL: a committed transaction survives power loss, which an acknowledged
            // judgement must; NORMAL in WAL mode would only survive a process crash.
            try db.execute(sql: "PRAGMA synchronous = FULL")
            // Up to 64 MiB of pages per connection (SQLite's default is 2 MiB): the writer
            // touches index pages all over the judgement tables, which outgrow 2 MiB early.
            try db.execute(sql: "PRAGMA cache_size = -65536")
        }
        do {
            pool = concurrentReaders
                ? try DatabasePool(path: path, configuration: configuration)
                : try DatabaseQueue(path: path, configuration: configuration)
        } catch {
            OpenDatabaseFiles.shared.unregister(path)
            guard let error = error as? DatabaseError else { throw error }
            if error.resultCode == .SQLITE_NOTADB { throw StorageError.notADatabase(path: path) }
            throw StorageError.cannotOpen(path: path, reason: error.message ?? "\(error.resultCode)")
        }
        if concurrentReaders {
            // GRDB's pool sets synchronous=NORMAL on its writer after prepareDatabase runs;
            // the pool has exactly one writer connection, so setting it here holds.
            try pool.writeWithoutTransaction { db in try db.execute(sql: "PRAGMA synchronous = FULL") }
        }
        fileIdentity = DatabaseFileIdentity(path: path)
        readers = concurrentReaders ? ReaderConnections(path: path, configuration: configuration) : nil
        accounts = concurrentReaders ? AccountCache() : nil
        if let accounts {
            // Before any write of this process, so none goes unseen by the cache.
            pool.add(transactionObserver: AccountTablesObserver(cache: accounts), extent: .databaseLifetime)
        }
        try Migrator(migrations: migrations ?? Migration.bundled()).migrate(pool)
    }

    /// A read of one statement that every request makes (its account, an image): on this
    /// thread's own connection in a server (ReaderConnections), else as any other read.
    func requestRead<T>(_ body: (Database) throws -> T) throws -> T {
        if let readers { return try readers.read(body) }
        return try pool.unsafeRead(body)
    }

    // Also runs when init throws after `pool` is set (Swift deinitialises a class whose
    // stored properties are all initialised); earlier throws unregister themselves.
    deinit { OpenDatabaseFiles.shared.unregister(path) }

    /// Checks the header before SQLite touches the file: opening a foreign file in WAL
    /// mode would otherwise leave -wal/-shm files beside it. Never while this process has
    /// the file open through SQLite (see OpenDatabaseFiles).
    private static func refuseNonSQLite(path: String) throws {
        guard let handle = FileHandle(forReadingAtPath: path) else { return }
        defer { try? handle.close() }
        let header = (try? handle.read(upToCount: 16)) ?? Data()
        if header.isEmpty { return }
        if header != Data("SQLite format 3\0".utf8) {
            throw StorageError.notADatabase(path: path)
        }
    }
}
