// PNGEncoder: writes 8-bit PNG files with the system zlib. Imports turn every raw
// IDX/CIFAR image into a PNG. stb_image_write's own deflate builds and frees its hash
// chains for every image and took about twice as long per 28×28 image as zlib at level 1
// with a window sized to the image (its compression level made no difference).
import CZlib
import Foundation

enum PNGEncoder {
    static func encode(_ image: PixelImage, level: Int32 = 1) throws -> Data {
        guard let colorType = colorType(channels: image.channels) else {
            throw ImagingError.encodeFailed(reason: "\(image.channels) channels")
        }
        guard image.width > 0, image.height > 0, image.width <= Int(Int32.max), image.height <= Int(Int32.max) else {
            throw ImagingError.encodeFailed(reason: "size \(image.width)×\(image.height)")
        }
        let filtered = filteredScanlines(image)
        let compressed = try deflate(filtered, level: level)

        var png = Data(capacity: compressed.count + 64)
        png.append(contentsOf: [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])
        var header = Data(capacity: 13)
        header.appendBigEndian(UInt32(image.width))
        header.appendBigEndian(UInt32(image.height))
        // bit depth 8, colour type, compression 0 (deflate), filter 0 (adaptive), no interlace
        header.append(contentsOf: [8, colorType, 0, 0, 0])
        appendChunk("IHDR", header, to: &png)
        appendChunk("IDAT", compressed, to: &png)
        appendChunk("IEND", Data(), to: &png)
        return png
    }

    private static func colorType(channels: Int) -> UInt8? {
        switch channels {
        case 1: 0  // grey
        case 2: 4  // grey + alpha
        case 3: 2  // RGB
        case 4: 6  // RGBA
        default: nil
        }
    }

    /// Each row prefixed with the filter (None, Sub, Up, Average, Paeth) whose output has
    /// the smallest sum of absolute signed bytes, the heuristic the PNG spec recommends.
    private static func filteredScanlines(_ image: PixelImage) -> [UInt8] {
        let pixels = image.pixels
        let stride = image.width * image.channels
        let bytesPerPixel = image.channels
        var output: [UInt8] = []
        output.reserveCapacity((stride + 1) * image.height)
        // candidates[filter * stride + x]: byte x of this row through that filter type.
        var candidates = [UInt8](repeating: 0, count: 5 * stride)
        for row in 0..<image.height {
            let start = row * stride
            for x in 0..<stride {
                // Neighbours outside the image count as 0, as the PNG spec defines.
                let left = x >= bytesPerPixel ? pixels[start + x - bytesPerPixel] : 0
                let up = row > 0 ? pixels[start - stride + x] : 0
                let upLeft = row > 0 && x >= bytesPerPixel ? pixels[start - stride + x - bytesPerPixel] : 0
                let value = pixels[start + x]
                candidates[x] = value
                candidates[stride + x] = value &- left
                candidates[2 * stride + x] = value &- up
                candidates[3 * stride + x] = value &- UInt8((Int(left) + Int(up)) / 2)
                candidates[4 * stride + x] = value &- paeth(left, up, upLeft)
            }
            // The first of equally cheap filters wins, so the output is deterministic.
            let best = (0..<5).min { cost(candidates[$0 * stride..<($0 + 1) * stride]) < cost(candidates[$1 * stride..<($1 + 1) * stride]) }!
            output.append(UInt8(best))
            output.append(contentsOf: candidates[best * stride..<(best + 1) * stride])
        }
        return output
    }

    private static func cost(_ filtered: ArraySlice<UInt8>) -> Int {
        filtered.reduce(0) { $0 + Int(Int8(bitPattern: $1).magnitude) }
    }

    private static func paeth(_ left: UInt8, _ up: UInt8, _ upLeft: UInt8) -> UInt8 {
        let estimate = Int(left) + Int(up) - Int(upLeft)
        let distanceLeft = abs(estimate - Int(left))
        let distanceUp = abs(estimate - Int(up))
        let distanceUpLeft = abs(estimate - Int(upLeft))
        if distanceLeft <= distanceUp && distanceLeft <= distanceUpLeft { return left }
        return distanceUp <= distanceUpLeft ? up : upLeft
    }

    private static func deflate(_ input: [UInt8], level: Int32) throws -> Data {
        // The smallest window (2^9 … 2^15 bytes) that covers the whole input.
        var windowBits: Int32 = 9
        while windowBits < 15 && (1 << windowBits) < input.count { windowBits += 1 }
        let memoryLevel = max(1, min(8, windowBits - 7))
        var stream = z_stream()
        guard czlib_deflate_init_sized(&stream, level, windowBits, memoryLevel) == Z_OK else {
            throw ImagingError.encodeFailed(reason: "deflateInit failed")
        }
        defer { deflateEnd(&stream) }
        let bound = Int(deflateBound(&stream, uLong(input.count)))
        var output = Data(count: bound)
        let status: Int32 = input.withUnsafeBufferPointer { source in
            output.withUnsafeMutableBytes { destination in
                stream.next_in = UnsafeMutablePointer(mutating: source.baseAddress)
                stream.avail_in = uInt(source.count)
                stream.next_out = destination.bindMemory(to: Bytef.self).baseAddress
                stream.avail_out = uInt(destination.count)
                return CZlib.deflate(&stream, Z_FINISH)
            }
        }
        guard status == Z_STREAM_END else { throw ImagingError.encodeFailed(reason: "deflate returned \(status)") }
        output.count = Int(stream.total_out)
        return output
    }

    private static func appendChunk(_ type: String, _ body: Data, to png: inout Data) {
        let typeBytes = Array(type.utf8)
        png.appendBigEndian(UInt32(body.count))
        png.append(contentsOf: typeBytes)
        png.append(body)
        var crc = crc32(0, typeBytes, uInt(typeBytes.count))
        crc = body.withUnsafeBytes { raw in
            crc32(crc, raw.bindMemory(to: Bytef.self).baseAddress, uInt(raw.count))
        }
        png.appendBigEndian(UInt32(crc))
    }
}

extension Data {
    fileprivate mutating func appendBigEndian(_ value: UInt32) {
        append(contentsOf: [UInt8(value >> 24), UInt8((value >> 16) & 0xFF), UInt8((value >> 8) & 0xFF), UInt8(value & 0xFF)])
    }
}
