// ImportError: a refused import, as one line naming the file and the record or line at fault.
import Foundation

public struct ImportError: Error, Equatable, CustomStringConvertible {
    public let file: String
    /// "record 17", "line 4", or nil when the whole file is at fault.
    public let location: String?
    public let reason: String

    public init(file: String, location: String? = nil, reason: String) {
        self.file = file
        self.location = location
        self.reason = reason
    }

    public static func record(_ index: Int, in file: String, _ reason: String) -> ImportError {
        ImportError(file: file, location: "record \(index)", reason: reason)
    }

    public static func line(_ number: Int, in file: String, _ reason: String) -> ImportError {
        ImportError(file: file, location: "line \(number)", reason: reason)
    }

    /// The UTF-8 text of `url`, or a refusal saying which `kind` of file could not be read.
    public static func readText(_ url: URL, kind: String) throws -> String {
        guard let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ImportError(file: url.path, reason: "cannot read \(kind) (missing or not UTF-8)")
        }
        return text
    }

    public var description: String {
        if let location { return "\(file): \(location): \(reason)" }
        return "\(file): \(reason)"
    }
}
