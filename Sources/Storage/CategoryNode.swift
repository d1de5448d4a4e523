// CategoryNode: an inner node of a dataset's category tree (a WordNet hypernym such as "dog"),
// which categories and other nodes name as their parent.
public struct CategoryNode: Codable, Sendable, Equatable {
    /// Stable within the dataset: a WordNet id (`n02084071`) or any short name a bundle gives.
    public var key: String
    /// Unique within the dataset's nodes.
    public var name: String
    public var description: String
    public var synonyms: [String]
    /// nil: a root.
    public var parent: String?

    public init(key: String, name: String, description: String = "", synonyms: [String] = [], parent: String? = nil) {
        self.key = key
        self.name = name
        self.description = description
        self.synonyms = synonyms
        self.parent = parent
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        key = try container.decode(String.self, forKey: .key)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        synonyms = try container.decodeIfPresent([String].self, forKey: .synonyms) ?? []
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(key, forKey: .key)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(synonyms, forKey: .synonyms)
        try container.encode(parent, forKey: .parent)
    }

    enum CodingKeys: String, CodingKey { case key, name, description, synonyms, parent }
}
