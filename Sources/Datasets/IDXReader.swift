// IDXReader: an IDX image file and its label file (MNIST, Fashion-MNIST) as records.
import Foundation
import Imaging
import Storage

public enum IDXReader {
    /// - Parameter sources: each record's source; nil means its 0-based record index.
    public static func records(
        images imagesURL: URL, labels labelsURL: URL, categoryCount: Int, split: Split,
        limit: Int? = nil, sources: [String]? = nil
    ) throws -> [ImportRecord] {
        let images = try IDXFile.read(imagesURL)
        let labels = try IDXFile.read(labelsURL)
        guard images.dimensions.count == 3 else {
            throw ImportError(file: imagesURL.path, reason: "expected an image file with 3 dimensions (count, rows, columns), found \(images.dimensions.count)")
        }
        guard labels.dimensions.count == 1 else {
            throw ImportError(file: labelsURL.path, reason: "expected a label file with 1 dimension, found \(labels.dimensions.count)")
        }
        guard images.recordCount == labels.recordCount else {
            throw ImportError(file: labelsURL.path,
                              reason: "\(labels.recordCount) labels for \(images.recordCount) images in \(imagesURL.lastPathComponent)")
        }
        let (rows, columns) = (images.dimensions[1], images.dimensions[2])
        guard rows > 0, columns > 0 else { throw ImportError(file: imagesURL.path, reason: "images have no pixels") }
        if let sources, sources.count != images.recordCount {
            throw ImportError(file: imagesURL.path, reason: "\(sources.count) sources listed for \(images.recordCount) records")
        }
        let count = min(limit ?? images.recordCount, images.recordCount)
        return try (0..<count).map { index in
            let label = Int(labels.values[labels.values.startIndex + index])
            guard label < categoryCount else {
                throw ImportError.record(index, in: labelsURL.path,
                                         "label \(label) is not a category (\(categoryCount) categories: 0–\(categoryCount - 1))")
            }
            let image = PixelImage(width: columns, height: rows, channels: 1, pixels: [UInt8](images.record(index)))
            return ImportRecord(payload: .pixels(image), categoryIndex: label, split: split,
                                source: sources?[index] ?? String(index), file: imagesURL.path, location: "record \(index)")
        }
    }
}
