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

    public init(
        name: String, title: String? = nil, description: String = "", license: String = "",
        source: String = "", settings: DatasetSettings = DatasetSettings(), categories: [CategoryDescription]
    ) {
        self.name = name
        self.title = title ?? name
        self.description = description
        self.license = license
        self.source = source
        self.settings = settings
        self.categories = categories
    }
}
