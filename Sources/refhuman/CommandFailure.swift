// CommandFailure: a refusal of the CLI's own (bad option combinations, unreadable paths).
import Foundation

struct CommandFailure: Error {
    let message: String

    init(_ message: String) { self.message = message }

    static func exit(_ line: String) -> Never {
        FileHandle.standardError.write(Data("refhuman: \(line)\n".utf8))
        Foundation.exit(1)
    }
}
