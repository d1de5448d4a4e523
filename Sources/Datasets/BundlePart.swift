// BundlePart: one data file set inside a bundle, holding the items of one split.
import Storage

public struct BundlePart: Codable, Sendable, Equatable {
    public enum Format: String, Codable, Sendable { case idx, csv }

    public var split: Split
    public var format: Format
    /// idx: the image and label files (raw or gzipped), and optionally a text file with
    /// one source per record (otherwise sources are record indices).
    public var images: String?
    public var labels: String?
    public var sources: String?
    /// csv: a `path,label[,split]` manifest whose labels are category names.
    public var manifest: String?

    public init(split: Split, format: Format, images: String? = nil, labels: String? = nil,
                sources: String? = nil, manifest: String? = nil) {
        self.split = split
        self.format = format
        self.images = images
        self.labels = labels
        self.sources = sources
        self.manifest = manifest
    }
}
