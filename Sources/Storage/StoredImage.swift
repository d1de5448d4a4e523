// StoredImage: an encoded image file as it goes into the content-addressed store.
import Foundation

public struct StoredImage: Sendable, Equatable {
    public let sha256: String
    public let bytes: Data
    public let width: Int
    public let height: Int
    /// "png", "jpeg", "gif" or "bmp".
    public let format: String

    public init(bytes: Data, width: Int, height: Int, format: String) {
        self.sha256 = ContentHash.sha256Hex(bytes)
        self.bytes = bytes
        self.width = width
        self.height = height
        self.format = format
    }
}
