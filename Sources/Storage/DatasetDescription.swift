// DatasetDescription: everything about a dataset except its items.
public struct DatasetDescription: Sendable, Equatable {
    public var name: String
    public var title: String
    public var description: String
    public var license: String
    public var source: String
    public var settings: DatasetSettings
    /// In label order: categories[i] is label i.
    public var categories: [CategoryDescription]
    /// Inner nodes of the category tree, parents before children; empty: a flat list.
    public var hierarchy: [CategoryNode]

    public init(
        name: String, title: String? = nil, description: String = "", license: String = "",
        source: String = "", settings: DatasetSettings = DatasetSettings(), categories: [CategoryDescription],
        hierarchy: [CategoryNode] = []
    ) {
        self.name = name
        self.title = title ?? name
        self.description = description
        self.license = license
        self.source = source
        self.settings = settings
        self.categories = categories
        self.hierarchy = hierarchy
    }
}
