// BackupCommand: `refhuman backup FILE`: a consistent copy of the database, taken online.
import ArgumentParser
import Foundation
import Storage

struct BackupCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "backup",
        abstract: "Copy the database to a new file, consistently, even while the server runs.",
        discussion: """
            Uses SQLite's backup API: the copy is one snapshot, holding every judgement committed \
            before it began. The file must not exist yet.

            Examples:
              refhuman backup backups/2026-11-30.sqlite
              refhuman --db study.sqlite backup /mnt/usb/study-copy.sqlite && refhuman check --db /mnt/usb/study-copy.sqlite
            """)

    @Argument(help: "The new file to write.") var file: String
    @Flag(help: "Print the source and the copy as JSON on stdout.") var json = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        try store.open().backup(to: file)
        StatusLine.say("backed up \(store.db) to \(file)")
        if json { try JSONOutput.print(["database": store.db, "backup": file]) }
    }
}
