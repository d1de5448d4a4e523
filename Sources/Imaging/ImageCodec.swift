// ImageCodec: decodes image files through stb_image; encodes PNG and JPEG through
// stb_image_write.
import CStb
import Foundation

public enum ImageCodec {
    /// Decodes the whole file, so a file that passes can really be shown.
    public static func validate(_ bytes: Data) throws -> ImageInfo {
        let decoded = try decode(bytes)
        return ImageInfo(format: decoded.format, width: decoded.image.width, height: decoded.image.height)
    }

    public static func decode(_ bytes: Data) throws -> (format: ImageFormat, image: PixelImage) {
        guard let format = ImageFormat.detect(bytes) else { throw ImagingError.unknownFormat }
        // stb pads a truncated JPEG's entropy data with zeros and reports success,
        // so a JPEG must also end with its end-of-image marker.
        if format == .jpeg && !endsWithJPEGTerminator(bytes) {
            throw ImagingError.corrupt(format: .jpeg, reason: "truncated: no end-of-image marker")
        }
        guard bytes.count <= Int(Int32.max) else { throw ImagingError.corrupt(format: format, reason: "file too large") }
        var width: Int32 = 0, height: Int32 = 0, channels: Int32 = 0
        let pixels: UnsafeMutablePointer<stbi_uc>? = bytes.withUnsafeBytes { raw in
            stbi_load_from_memory(raw.bindMemory(to: stbi_uc.self).baseAddress, Int32(raw.count),
                                  &width, &height, &channels, 0)
        }
        guard let pixels else {
            let reason = stbi_failure_reason().map { String(cString: $0) } ?? "undecodable"
            throw ImagingError.corrupt(format: format, reason: reason)
        }
        defer { stbi_image_free(pixels) }
        let count = Int(width) * Int(height) * Int(channels)
        let image = PixelImage(width: Int(width), height: Int(height), channels: Int(channels),
                               pixels: Array(UnsafeBufferPointer(start: pixels, count: count)))
        return (format, image)
    }

    /// The width and height a file's header declares, read without decoding its pixels,
    /// so an oversized image can be refused before it takes memory; nil if unreadable.
    public static func declaredSize(_ bytes: Data) -> (width: Int, height: Int)? {
        guard bytes.count <= Int(Int32.max) else { return nil }
        var width: Int32 = 0, height: Int32 = 0, channels: Int32 = 0
        let known = bytes.withUnsafeBytes { raw in
            stbi_info_from_memory(raw.bindMemory(to: stbi_uc.self).baseAddress, Int32(raw.count), &width, &height, &channels)
        }
        return known == 1 ? (Int(width), Int(height)) : nil
    }

    /// `image` scaled down (stb_image_resize) so that neither side exceeds `maxSide`,
    /// keeping its aspect ratio; unchanged when it already fits.
    public static func downscaled(_ image: PixelImage, maxSide: Int) throws -> PixelImage {
        let longest = max(image.width, image.height)
        guard longest > maxSide else { return image }
        let width = max(1, image.width * maxSide / longest), height = max(1, image.height * maxSide / longest)
        var pixels = [UInt8](repeating: 0, count: width * height * image.channels)
        let done = image.pixels.withUnsafeBufferPointer { source in
            stbir_resize_uint8(source.baseAddress, Int32(image.width), Int32(image.height), 0,
                               &pixels, Int32(width), Int32(height), 0, Int32(image.channels))
        }
        guard done == 1 else { throw ImagingError.encodeFailed(reason: "cannot resize \(image.width)×\(image.height)") }
        return PixelImage(width: width, height: height, channels: image.channels, pixels: pixels)
    }

    /// PNG bytes for `image`. Deterministic: the same pixels give the same file, which
    /// keeps content addresses stable across re-imports.
    public static func encodePNG(_ image: PixelImage) throws -> Data {
        try write(image) { function, context, raw in
            stbi_write_png_to_func(function, context, Int32(image.width), Int32(image.height), Int32(image.channels),
                                   raw, Int32(image.width * image.channels))
        }
    }

    /// JPEG bytes at `quality` (1–100).
    public static func encodeJPEG(_ image: PixelImage, quality: Int = 90) throws -> Data {
        try write(image) { function, context, raw in
            stbi_write_jpg_to_func(function, context, Int32(image.width), Int32(image.height), Int32(image.channels),
                                   raw, Int32(quality))
        }
    }

    /// Runs an stb writer that streams its output through a callback into one Data.
    private static func write(
        _ image: PixelImage,
        _ encoder: (_ function: (@convention(c) (UnsafeMutableRawPointer?, UnsafeMutableRawPointer?, Int32) -> Void),
                    _ context: UnsafeMutableRawPointer, _ pixels: UnsafeRawPointer?) -> Int32
    ) throws -> Data {
        final class Sink { var data = Data() }
        let sink = Sink()
        let status = image.pixels.withUnsafeBytes { raw in
            encoder({ context, data, size in
                guard let context, let data, size > 0 else { return }
                let sink = Unmanaged<Sink>.fromOpaque(context).takeUnretainedValue()
                sink.data.append(data.assumingMemoryBound(to: UInt8.self), count: Int(size))
            }, Unmanaged.passUnretained(sink).toOpaque(), raw.baseAddress)
        }
        guard status != 0 else { throw ImagingError.encodeFailed(reason: "stb_image_write failed") }
        return sink.data
    }

    private static func endsWithJPEGTerminator(_ bytes: Data) -> Bool {
        // Some encoders pad after EOI; allow a short tail of padding bytes.
        let tail = Array(bytes.suffix(64))
        guard tail.count >= 2 else { return false }
        for end in stride(from: tail.count, through: 2, by: -1) {
            if tail[end - 2] == 0xFF && tail[end - 1] == 0xD9 { return true }
            if tail[end - 1] != 0x00 && tail[end - 1] != 0xFF && tail[end - 1] != 0x0A { return false }
        }
        return false
    }
}
