// ImportRecord: one item as a reader found it, before it is validated and stored.
import Foundation
import Imaging
import Storage

public struct ImportRecord: Sendable {
    public enum Payload: Sendable {
        /// Raw pixels (IDX, CIFAR): stored as PNG.
        case pixels(PixelImage)
        /// An image file (folder, CSV): stored as it is, after a full decode proves it.
        case file(URL)
    }

    public let payload: Payload
    public let categoryIndex: Int
    public let split: Split
    public let source: String
    /// Where an error about this record points: the file and the record or line.
    public let origin: ImportError

    public init(payload: Payload, categoryIndex: Int, split: Split, source: String, file: String, location: String?) {
        self.payload = payload
        self.categoryIndex = categoryIndex
        self.split = split
        self.source = source
        self.origin = ImportError(file: file, location: location, reason: "")
    }

    func failure(_ reason: String) -> ImportError {
        ImportError(file: origin.file, location: origin.location, reason: reason)
    }
}
