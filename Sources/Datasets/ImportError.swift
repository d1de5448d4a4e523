// ImportError: a refused import, as one line naming the file and the record or line at fault.
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

    public var description: String {
        if let location { return "\(file): \(location): \(reason)" }
        return "\(file): \(reason)"
    }
}
