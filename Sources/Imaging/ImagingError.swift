// ImagingError: why bytes are not a usable image.
public enum ImagingError: Error, Equatable, CustomStringConvertible {
    case unknownFormat
    case corrupt(format: ImageFormat, reason: String)
    case encodeFailed(reason: String)

    public var description: String {
        switch self {
        case .unknownFormat: "not a PNG, JPEG, GIF or BMP image"
        case let .corrupt(format, reason): "corrupt \(format.rawValue.uppercased()) image (\(reason))"
        case let .encodeFailed(reason): "cannot encode image: \(reason)"
        }
    }
}
