// StoreOptions: --db, shared by every command that touches the database.
import ArgumentParser
import Storage

struct StoreOptions: ParsableArguments {
    @Option(name: .long, help: "SQLite database file.")
    var db = "data/refhuman.sqlite"

    func open() throws -> Store { try Store(path: db) }
}
