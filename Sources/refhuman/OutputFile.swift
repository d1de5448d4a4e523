// OutputFile: where a command's data goes: stdout, or a file written whole or not at all.
import Foundation

enum OutputFile {
    /// With a path, the data goes to a temporary sibling first and is renamed into place, so a
    /// failed run never leaves half a report behind.
    static func write(_ data: Data, to path: String?) throws {
        guard let path else {
            FileHandle.standardOutput.write(data)
            return
        }
        let url = URL(fileURLWithPath: path)
        do {
            try data.write(to: url, options: .atomic)
        } catch {
            throw CommandFailure("\(path): cannot write: \(error.localizedDescription)")
        }
    }
}
