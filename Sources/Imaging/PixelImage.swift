// PixelImage: 8-bit pixels in row-major order, `channels` interleaved bytes per pixel.
public struct PixelImage: Sendable, Equatable {
    public let width: Int
    public let height: Int
    /// 1 grey, 2 grey+alpha, 3 RGB, 4 RGBA.
    public let channels: Int
    public let pixels: [UInt8]

    public init(width: Int, height: Int, channels: Int, pixels: [UInt8]) {
        precondition(pixels.count == width * height * channels, "pixel count must match width × height × channels")
        self.width = width
        self.height = height
        self.channels = channels
        self.pixels = pixels
    }
}
