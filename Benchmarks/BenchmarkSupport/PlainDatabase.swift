// PlainDatabase: a SQLite file opened outside RefHuman's Store, with the pragmas every
// store uses (WAL, synchronous=FULL), for the references the benchmarks measure against.
import GRDB

public enum PlainDatabase {
    public static func open(at path: String, foreignKeys: Bool = false) throws -> DatabaseQueue {
        var configuration = Configuration()
        configuration.foreignKeysEnabled = foreignKeys
        configuration.prepareDatabase { db in
            _ = try String.fetchOne(db, sql: "PRAGMA journal_mode = WAL")
            try db.execute(sql: "PRAGMA synchronous = FULL")
        }
        return try DatabaseQueue(path: path, configuration: configuration)
    }
}
