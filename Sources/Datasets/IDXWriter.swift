// IDXWriter: unsigned-byte IDX files, the inverse of IDXFile.parse.
import Foundation

public enum IDXWriter {
    public static func encode(dimensions: [Int], values: Data) -> Data {
        precondition(dimensions.reduce(1, *) == values.count, "values must fill the dimensions")
        var data = Data([0, 0, 0x08, UInt8(dimensions.count)])
        for size in dimensions {
            data.append(contentsOf: [UInt8(size >> 24 & 0xFF), UInt8(size >> 16 & 0xFF), UInt8(size >> 8 & 0xFF), UInt8(size & 0xFF)])
        }
        data.append(values)
        return data
    }
}
