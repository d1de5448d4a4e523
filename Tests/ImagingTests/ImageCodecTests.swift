// ImageCodecTests: PNG and JPEG round trips, header fields read by hand, refusals.
import Foundation
@testable import Imaging
import Testing
import TestSupport

@Suite struct ImageCodecTests {
    @Test func pngRoundTripKeepsEveryPixelAndWritesTheSizeInIHDR() throws {
        let image = PixelImage(width: 3, height: 2, channels: 1, pixels: [0, 10, 20, 250, 251, 255])
        let png = try ImageCodec.encodePNG(image)
        // PNG signature (8) + IHDR length (4) + "IHDR" (4), then width and height, big-endian.
        #expect(Array(png[12..<16]) == Array("IHDR".utf8))
        #expect(Array(png[16..<24]) == [0, 0, 0, 3, 0, 0, 0, 2])
        #expect(png[24] == 8)  // bit depth
        #expect(png[25] == 0)  // colour type 0: greyscale
        let decoded = try ImageCodec.decode(png)
        #expect(decoded.format == .png)
        #expect(decoded.image == image)
    }

    @Test func jpegDecodesToItsSizeAndNearlyItsPixels() throws {
        let image = PixelImage(width: 8, height: 8, channels: 3, pixels: [UInt8](repeating: 128, count: 192))
        let jpeg = try ImageCodec.encodeJPEG(image, quality: 95)
        #expect(ImageFormat.detect(jpeg) == .jpeg)
        let info = try ImageCodec.validate(jpeg)
        #expect(info == ImageInfo(format: .jpeg, width: 8, height: 8))
        let decoded = try ImageCodec.decode(jpeg).image
        #expect(decoded.pixels.allSatisfy { abs(Int($0) - 128) <= 2 })
    }

    @Test func unknownTruncatedAndCorruptFilesAreRefused() throws {
        #expect(throws: ImagingError.unknownFormat) { try ImageCodec.validate(Data("hello".utf8)) }
        let png = try Fixtures.png(width: 20, height: 20)
        #expect(throws: ImagingError.self) { try ImageCodec.validate(png.prefix(png.count / 2)) }
        let jpeg = try Fixtures.jpeg()
        #expect(throws: ImagingError.corrupt(format: .jpeg, reason: "truncated: no end-of-image marker")) {
            try ImageCodec.validate(jpeg.prefix(jpeg.count - 10))
        }
    }

    @Test func formatsAreRecognisedByMagicBytes() {
        #expect(ImageFormat.detect(Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0])) == .png)
        #expect(ImageFormat.detect(Data([0xFF, 0xD8, 0xFF, 0xE0])) == .jpeg)
        #expect(ImageFormat.detect(Data("GIF89a..".utf8)) == .gif)
        #expect(ImageFormat.detect(Data("BM......".utf8)) == .bmp)
        #expect(ImageFormat.detect(Data("PK\u{3}\u{4}".utf8)) == nil)
    }
}
