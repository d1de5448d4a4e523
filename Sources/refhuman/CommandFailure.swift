// CommandFailure: a refusal of the CLI's own (bad option combinations, unreadable paths).
import Foundation

struct CommandFailure: Error {
    let message: String

    init(_ message: String) { self.message = message }

    /// A refusal of the input or the database's contents (README: exit codes).
    static let refusedStatus: Int32 = 1
    /// A command line that names no command or option (as ArgumentParser's own, EX_USAGE).
    static let usageStatus: Int32 = 64

    static func exit(_ line: String, status: Int32 = refusedStatus) -> Never {
        StatusLine.say("refhuman: \(line)")
        Foundation.exit(status)
    }
}
