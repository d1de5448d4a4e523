// CIFARReader: CIFAR-10 and CIFAR-100 binary batches. A CIFAR-10 record is a label byte
// then 3072 pixel bytes (1024 red, 1024 green, 1024 blue, row-major 32×32); CIFAR-100
// puts a coarse and a fine label first. CIFAR-100's coarse class becomes the group.
import Foundation
import Imaging
import Storage

public enum CIFARReader {
    static let side = 32
    static let planeSize = side * side

    public static func records(directory: URL, split: Split, limit: Int? = nil) throws
        -> (categories: [CategoryDescription], records: [ImportRecord])
    {
        let manager = FileManager.default
        let cifar10Meta = directory.appendingPathComponent("batches.meta.txt")
        let fineNames = directory.appendingPathComponent("fine_label_names.txt")
        let labelBytes: Int
        let files: [String]
        var categories: [CategoryDescription]
        var coarseNames: [String] = []
        if manager.fileExists(atPath: cifar10Meta.path) {
            labelBytes = 1
            categories = try names(in: cifar10Meta).map { CategoryDescription(name: $0) }
            files = split == .test ? ["test_batch.bin"] : (1...5).map { "data_batch_\($0).bin" }
        } else if manager.fileExists(atPath: fineNames.path) {
            labelBytes = 2
            categories = try names(in: fineNames).map { CategoryDescription(name: $0) }
            coarseNames = try names(in: directory.appendingPathComponent("coarse_label_names.txt"))
            files = split == .test ? ["test.bin"] : ["train.bin"]
        } else {
            throw ImportError(file: directory.path, reason: "no batches.meta.txt (CIFAR-10) or fine_label_names.txt (CIFAR-100)")
        }
        let recordSize = labelBytes + 3 * planeSize
        var records: [ImportRecord] = []
        var groupOfFine: [Int: Int] = [:]
        let wanted = limit ?? Int.max
        for name in files where records.count < wanted {
            let url = directory.appendingPathComponent(name)
            guard let data = try? Data(contentsOf: url) else { throw ImportError(file: url.path, reason: "cannot read batch file") }
            guard data.count % recordSize == 0 else {
                throw ImportError(file: url.path, reason: "\(data.count) bytes is not a whole number of \(recordSize)-byte records "
                    + "(\(data.count / recordSize) records and \(data.count % recordSize) bytes left over)")
            }
            let bytes = [UInt8](data)
            for recordIndex in 0..<(bytes.count / recordSize) where records.count < wanted {
                let base = recordIndex * recordSize
                let fine = Int(bytes[base + labelBytes - 1])
                guard fine < categories.count else {
                    throw ImportError.record(recordIndex, in: url.path, "label \(fine) is not a category (\(categories.count) categories)")
                }
                if labelBytes == 2 {
                    let coarse = Int(bytes[base])
                    guard coarse < coarseNames.count else {
                        throw ImportError.record(recordIndex, in: url.path, "coarse label \(coarse) is not a coarse category")
                    }
                    groupOfFine[fine] = coarse
                }
                // Planar RGB → interleaved RGB.
                var pixels = [UInt8](repeating: 0, count: 3 * planeSize)
                let pixelBase = base + labelBytes
                for position in 0..<planeSize {
                    pixels[3 * position] = bytes[pixelBase + position]
                    pixels[3 * position + 1] = bytes[pixelBase + planeSize + position]
                    pixels[3 * position + 2] = bytes[pixelBase + 2 * planeSize + position]
                }
                let image = PixelImage(width: side, height: side, channels: 3, pixels: pixels)
                // The source is the index across the split's batches, CIFAR's usual numbering.
                records.append(ImportRecord(payload: .pixels(image), categoryIndex: fine, split: split,
                                            source: String(records.count), file: url.path, location: "record \(recordIndex)"))
            }
        }
        for (fine, coarse) in groupOfFine { categories[fine].group = coarseNames[coarse] }
        return (categories, records)
    }

    static func names(in url: URL) throws -> [String] {
        let names = try ImportError.readText(url, kind: "label names").split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !names.isEmpty else { throw ImportError(file: url.path, reason: "no label names") }
        return names
    }
}
