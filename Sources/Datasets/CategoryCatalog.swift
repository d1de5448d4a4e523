// CategoryCatalog: a label set with its hierarchy as a JSON file (Datasets/imagenet-1k/catalog.json),
// shaped like a bundle manifest's `categories` and `hierarchy`, with each category's WNID.
import Storage

public struct CategoryCatalog: Codable, Sendable, Equatable {
    /// What it was built from, and by which command.
    public var source: String
    /// Category i's WordNet id; the order is the label order.
    public var wnids: [String]
    public var categories: [CategoryDescription]
    public var hierarchy: BundleManifest.Hierarchy

    public init(source: String, wnids: [String], categories: [CategoryDescription], hierarchy: BundleManifest.Hierarchy) {
        self.source = source
        self.wnids = wnids
        self.categories = categories
        self.hierarchy = hierarchy
    }
}
