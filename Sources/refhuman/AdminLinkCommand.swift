// AdminLinkCommand: `refhuman admin-link`: a fresh admin link for the server running on a
// database (the previous admin link stops working), without restarting it.
import ArgumentParser
import Foundation
import Storage

struct AdminLinkCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "admin-link",
        abstract: "Print a fresh admin link for the server running on the database.",
        discussion: """
            Examples:
              refhuman admin-link --db study.sqlite
            """)

    @OptionGroup var store: StoreOptions

    func run() throws {
        guard let holder = ServeLock.currentHolder(database: store.db), let base = holder.baseURL else {
            throw CommandFailure("no server is running on \(store.db); start one with: refhuman serve --db \(store.db)")
        }
        let token = try store.open().issueAdminToken()
        print("\(base)/join/\(token)")
    }
}
