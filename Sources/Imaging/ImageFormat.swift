// ImageFormat: the file formats RefHuman accepts, recognised by their magic bytes.
import Foundation

public enum ImageFormat: String, Sendable, CaseIterable {
    case png, jpeg, gif, bmp

    /// Browsers show all four; the magic bytes decide, never the file name.
    public static func detect(_ bytes: Data) -> ImageFormat? {
        let head = Array(bytes.prefix(8))
        if head.starts(with: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) { return .png }
        if head.starts(with: [0xFF, 0xD8, 0xFF]) { return .jpeg }
        if head.starts(with: Array("GIF87a".utf8)) || head.starts(with: Array("GIF89a".utf8)) { return .gif }
        if head.starts(with: Array("BM".utf8)) { return .bmp }
        return nil
    }

    public var mimeType: String {
        switch self {
        case .png: "image/png"
        case .jpeg: "image/jpeg"
        case .gif: "image/gif"
        case .bmp: "image/bmp"
        }
    }
}
