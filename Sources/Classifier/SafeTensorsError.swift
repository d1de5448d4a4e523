// SafeTensorsError: every way a safetensors file is refused, each with a
// one-line reason a person can act on.

public enum SafeTensorsError: Error, Equatable, CustomStringConvertible {
    case fileTooSmall(bytes: Int)
    case headerTooLarge(length: UInt64, limit: Int)
    case headerBeyondFile(length: UInt64, available: Int)
    case malformedHeader(String)
    case unknownDtype(tensor: String, dtype: String)
    case unsupportedDtype(tensor: String, dtype: String)
    case shapeMismatch(tensor: String, shape: [Int], byteCount: Int)
    case invalidOffsets(tensor: String, begin: Int, end: Int)
    case truncated(tensor: String, end: Int, available: Int)
    case overlapping(tensor: String, other: String)
    case gap(tensor: String, begin: Int, expected: Int)
    case trailingBytes(count: Int)
    case unreadable(String)

    public var description: String {
        switch self {
        case let .fileTooSmall(bytes):
            "safetensors: file has \(bytes) bytes, fewer than the 8-byte header length"
        case let .headerTooLarge(length, limit):
            "safetensors: header length \(length) exceeds the \(limit)-byte limit"
        case let .headerBeyondFile(length, available):
            "safetensors: header length \(length) is larger than the \(available) bytes after it"
        case let .malformedHeader(reason):
            "safetensors: malformed JSON header: \(reason)"
        case let .unknownDtype(tensor, dtype):
            "safetensors: tensor \"\(tensor)\" has unknown dtype \"\(dtype)\""
        case let .unsupportedDtype(tensor, dtype):
            "safetensors: tensor \"\(tensor)\" has dtype \(dtype); only F32 is supported"
        case let .shapeMismatch(tensor, shape, byteCount):
            "safetensors: tensor \"\(tensor)\" shape \(shape) does not match its \(byteCount)-byte range"
        case let .invalidOffsets(tensor, begin, end):
            "safetensors: tensor \"\(tensor)\" has invalid data_offsets [\(begin), \(end)]"
        case let .truncated(tensor, end, available):
            "safetensors: data truncated: tensor \"\(tensor)\" ends at byte \(end) but only \(available) data bytes exist"
        case let .overlapping(tensor, other):
            "safetensors: tensors \"\(tensor)\" and \"\(other)\" have overlapping byte ranges"
        case let .gap(tensor, begin, expected):
            "safetensors: tensor \"\(tensor)\" starts at byte \(begin), leaving a hole after byte \(expected)"
        case let .trailingBytes(count):
            "safetensors: \(count) bytes after the last tensor belong to no tensor"
        case let .unreadable(reason):
            "safetensors: cannot read file: \(reason)"
        }
    }
}
