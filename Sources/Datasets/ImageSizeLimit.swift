// ImageSizeLimit: the largest image side an import accepts, and whether a larger image is
// refused (the default) or scaled down to fit and stored as PNG.
public struct ImageSizeLimit: Sendable, Equatable {
    public var maxSide: Int
    public var downscale: Bool

    public init(maxSide: Int = 4096, downscale: Bool = false) {
        self.maxSide = maxSide
        self.downscale = downscale
    }
}
