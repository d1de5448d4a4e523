// Migration: one numbered SQL file from migrations/, with the checksum that pins its text.
import Foundation

public struct Migration: Sendable, Equatable {
    /// The leading number of the file name: 0001_initial.sql is version 1.
    public let version: Int
    public let name: String
    public let sql: String
    public let checksum: String

    public init(version: Int, name: String, sql: String) {
        self.version = version
        self.name = name
        self.sql = sql
        self.checksum = ContentHash.sha256Hex(Data(sql.utf8))
    }

    /// A file that rebuilds a table others refer to starts with this line, and runs with
    /// foreign keys off (see Migrator).
    var needsForeignKeysOff: Bool { sql.hasPrefix("-- refhuman: foreign keys off\n") }

    /// Parses "0001_initial.sql" into version 1; nil for any other file name.
    static func version(ofFileName name: String) -> Int? {
        guard name.hasSuffix(".sql") else { return nil }
        let digits = name.prefix { $0.isASCII && $0.isNumber }
        guard digits.count == 4, name.dropFirst(4).first == "_" else { return nil }
        return Int(digits)
    }

    /// The migrations compiled into this build (migrations/*.sql), in order.
    public static func bundled() throws -> [Migration] {
        try ordered(EmbeddedMigrations.files.map { ($0.name, $0.sql) })
    }

    static func ordered(_ files: [(name: String, sql: String)]) throws -> [Migration] {
        var migrations: [Migration] = []
        for (name, sql) in files.sorted(by: { $0.name < $1.name }) {
            guard let version = version(ofFileName: name) else { continue }
            if migrations.last?.version == version {
                throw StorageError.migrationsMissing(reason: "two migrations numbered \(version)")
            }
            migrations.append(Migration(version: version, name: name, sql: sql))
        }
        return migrations
    }
}
