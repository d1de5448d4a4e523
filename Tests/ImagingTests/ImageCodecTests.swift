// ImageCodecTests: PNG and JPEG round trips, header fields read by hand, refusals.
import Foundation
@testable import Imaging
import SeededRandom
import TestSupport
import Testing

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

    /// Every colour type, with content that makes different rows prefer different filters;
    /// stb_image decodes it, and Python's zlib checks every chunk CRC.
    @Test(arguments: [1, 2, 3, 4])
    func pngEncoderRoundTripsEveryChannelCountWithValidChunkCRCs(channels: Int) throws {
        let width = 37, height = 23
        let seed: UInt64 = 20_261_130 + UInt64(channels)
        print("pngEncoderRoundTrips: seed \(seed)")
        var generator = SplitMix64(seed: seed)
        let pixels = (0..<(width * height * channels)).map { index -> UInt8 in
            let row = index / (width * channels)
            switch row % 3 {
            case 0: return UInt8(truncatingIfNeeded: index * 7)       // smooth ramps
            case 1: return UInt8.random(in: 0...255, using: &generator)  // noise
            default: return UInt8(truncatingIfNeeded: row * 11)       // flat rows
            }
        }
        let image = PixelImage(width: width, height: height, channels: channels, pixels: pixels)
        let png = try ImageCodec.encodePNG(image)
        #expect(try ImageCodec.decode(png).image == image)
        #expect(png[25] == [0, 4, 2, 6][channels - 1])  // IHDR colour type

        let directory = TemporaryDirectory()
        let file = directory.path("image.png")
        try png.write(to: URL(fileURLWithPath: file))
        let check = try Shell.run("/usr/bin/python3", ["-c", """
            import sys, zlib, struct
            data = open(sys.argv[1], 'rb').read()
            assert data[:8] == b'\\x89PNG\\r\\n\\x1a\\n'
            at, types = 8, []
            while at < len(data):
                length, = struct.unpack('>I', data[at:at + 4])
                kind, body = data[at + 4:at + 8], data[at + 8:at + 8 + length]
                crc, = struct.unpack('>I', data[at + 8 + length:at + 12 + length])
                assert zlib.crc32(kind + body) == crc, kind
                types.append(kind.decode())
                at += 12 + length
            print(' '.join(types))
            """, file])
        #expect(check.status == 0, "\(check.stderr)")
        #expect(check.stdout == "IHDR IDAT IEND\n")
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
