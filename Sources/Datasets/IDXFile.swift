// IDXFile: the MNIST IDX format: 0x00 0x00, a type byte, a dimension count, big-endian
// 32-bit sizes, then the values. Only unsigned bytes (type 0x08) occur in image sets.
import Compression
import Foundation

public struct IDXFile: Sendable {
    public let dimensions: [Int]
    /// The values, row-major, one byte each.
    public let values: Data

    public var recordCount: Int { dimensions.first ?? 0 }
    /// Values per record: 784 for a 28×28 image, 1 for a label.
    public var recordSize: Int { dimensions.dropFirst().reduce(1, *) }

    public func record(_ index: Int) -> Data {
        let start = values.startIndex + index * recordSize
        return values[start..<(start + recordSize)]
    }

    /// Reads a raw or gzipped IDX file; every defect is an ImportError naming `url`.
    public static func read(_ url: URL) throws -> IDXFile {
        let name = url.path
        let stored: Data
        do { stored = try Data(contentsOf: url) } catch {
            throw ImportError(file: name, reason: "cannot read file")
        }
        let bytes: Data
        do { bytes = try Gzip.decompressIfNeeded(stored) } catch {
            throw ImportError(file: name, reason: "\(error)")
        }
        return try parse(bytes, file: name)
    }

    public static func parse(_ bytes: Data, file: String) throws -> IDXFile {
        let head = [UInt8](bytes.prefix(4))
        guard head.count == 4, head[0] == 0, head[1] == 0 else {
            throw ImportError(file: file, reason: "not an IDX file (bad magic number)")
        }
        guard head[2] == 0x08 else {
            throw ImportError(file: file, reason: String(format: "unsupported IDX value type 0x%02x (only unsigned bytes, 0x08)", head[2]))
        }
        let rank = Int(head[3])
        guard rank >= 1 else { throw ImportError(file: file, reason: "IDX file declares no dimensions") }
        let headerSize = 4 + 4 * rank
        guard bytes.count >= headerSize else {
            throw ImportError(file: file, reason: "truncated IDX header")
        }
        let base = bytes.startIndex
        var dimensions: [Int] = []
        for axis in 0..<rank {
            let offset = base + 4 + 4 * axis
            let size = bytes[offset..<(offset + 4)].reduce(0) { $0 << 8 | Int($1) }
            dimensions.append(size)
        }
        let (expected, overflow) = dimensions.reduce((1, false)) { acc, size in
            let product = acc.0.multipliedReportingOverflow(by: size)
            return (product.partialValue, acc.1 || product.overflow)
        }
        guard !overflow else { throw ImportError(file: file, reason: "IDX dimensions \(dimensions) are too large") }
        let actual = bytes.count - headerSize
        if actual < expected {
            let recordSize = dimensions.dropFirst().reduce(1, *)
            let whole = recordSize > 0 ? actual / recordSize : 0
            throw ImportError(file: file, location: "record \(whole)",
                              reason: "truncated IDX data: header declares \(dimensions[0]) records, file holds \(whole) whole records")
        }
        if actual > expected {
            throw ImportError(file: file, reason: "\(actual - expected) bytes after the last IDX record")
        }
        return IDXFile(dimensions: dimensions, values: Data(bytes[(base + headerSize)...]))
    }
}
