// CheckCommand: `refhuman check`: integrity, foreign keys and schema version, a line each.
import ArgumentParser
import Foundation
import Storage

struct CheckCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the database: SQLite's integrity check, foreign keys, schema version.",
        discussion: """
            Prints one line per check and exits 1 if any fails.

            Examples:
              refhuman check
              refhuman check --db backups/2026-11-30.sqlite --json
            """)

    @Flag(help: "Print JSON.") var json = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let lines = try store.open().check()
        if json {
            try JSONOutput.print(lines)
        } else {
            for line in lines { print("\(line.check): \(line.passed ? "ok" : "FAILED") — \(line.detail)") }
        }
        if lines.contains(where: { !$0.passed }) { throw ExitCode(CommandFailure.refusedStatus) }
    }
}
