// StoreOptions: --db, shared by every command that touches the database. It may also
// come before the subcommand (see CommandLineArguments) or from REFHUMAN_DB.
import ArgumentParser
import Foundation
import Storage

struct StoreOptions: ParsableArguments {
    static let defaultPath = ProcessInfo.processInfo.environment["REFHUMAN_DB"].flatMap { $0.isEmpty ? nil : $0 }
        ?? "data/refhuman.sqlite"

    @Option(name: .long, help: "SQLite database file; $REFHUMAN_DB names it when set.")
    var db = StoreOptions.defaultPath

    /// The existing database; a missing file is refused, never created.
    func open() throws -> Store { try Store(path: db, creating: false) }

    /// The database, made (with its folder) if it does not exist yet: for imports.
    func openCreating() throws -> Store { try Store(path: db) }
}
