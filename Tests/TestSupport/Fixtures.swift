// Fixtures: small inputs built byte by byte, so tests know every expected value.
import Foundation
import Imaging

public enum Fixtures {
    /// An unsigned-byte IDX file, written out by hand rather than by the code under test.
    public static func idx(dimensions: [Int], values: [UInt8]) -> Data {
        var data = Data([0, 0, 0x08, UInt8(dimensions.count)])
        for size in dimensions {
            withUnsafeBytes(of: UInt32(size).bigEndian) { data.append(contentsOf: $0) }
        }
        data.append(contentsOf: values)
        return data
    }

    /// `count` images of rows×columns whose pixel p of image i is (i * 7 + p) mod 256.
    public static func idxImages(count: Int, rows: Int = 4, columns: Int = 3) -> Data {
        idx(dimensions: [count, rows, columns], values: (0..<count).flatMap { image in
            (0..<(rows * columns)).map { UInt8((image * 7 + $0) % 256) }
        })
    }

    public static func idxLabels(_ labels: [UInt8]) -> Data { idx(dimensions: [labels.count], values: labels) }

    /// A grey gradient image file of the given size.
    public static func png(width: Int = 5, height: Int = 4, shade: UInt8 = 0) throws -> Data {
        try ImageCodec.encodePNG(gradient(width: width, height: height, shade: shade))
    }

    public static func jpeg(width: Int = 16, height: Int = 16, shade: UInt8 = 0) throws -> Data {
        try ImageCodec.encodeJPEG(gradient(width: width, height: height, shade: shade, channels: 3))
    }

    public static func gradient(width: Int, height: Int, shade: UInt8, channels: Int = 1) -> PixelImage {
        PixelImage(width: width, height: height, channels: channels,
                   pixels: (0..<(width * height * channels)).map { UInt8((Int(shade) + $0 * 3) % 256) })
    }

    /// A CIFAR-10 record: label, then 1024 red, 1024 green, 1024 blue bytes.
    public static func cifar10Record(label: UInt8, red: UInt8, green: UInt8, blue: UInt8) -> [UInt8] {
        [label] + [UInt8](repeating: red, count: 1024) + [UInt8](repeating: green, count: 1024) + [UInt8](repeating: blue, count: 1024)
    }

    public static let fashionCategories = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat",
                                           "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
}
