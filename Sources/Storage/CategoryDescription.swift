// CategoryDescription: one answer an annotator can give, as it is shown on its card.
public struct CategoryDescription: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    public var synonyms: [String]
    public var group: String?
    /// The key of its parent node in the dataset's hierarchy; nil without one.
    public var parent: String?

    public init(name: String, description: String = "", synonyms: [String] = [], group: String? = nil, parent: String? = nil) {
        self.name = name
        self.description = description
        self.synonyms = synonyms
        self.group = group
        self.parent = parent
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description) ?? ""
        synonyms = try container.decodeIfPresent([String].self, forKey: .synonyms) ?? []
        group = try container.decodeIfPresent(String.self, forKey: .group)
        parent = try container.decodeIfPresent(String.self, forKey: .parent)
    }
}
