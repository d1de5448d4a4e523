// CategoryPayload: a category card as `/api/categories` returns it, examples as URLs.
import Storage

struct CategoryPayload: Encodable {
    let index: Int
    let name: String
    let description: String
    let synonyms: [String]
    let group: String?
    /// Ancestor node keys, root first (see GET /api/hierarchy); empty without a hierarchy.
    let path: [String]
    let examples: [String]

    init(_ card: CategoryCard) {
        index = card.index
        name = card.name
        description = card.description
        synonyms = card.synonyms
        group = card.group
        path = card.path
        examples = card.examples.map { "/images/\($0)" }
    }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(index, forKey: .index)
        try container.encode(name, forKey: .name)
        try container.encode(description, forKey: .description)
        try container.encode(synonyms, forKey: .synonyms)
        try container.encode(group, forKey: .group)  // explicit null when ungrouped
        try container.encode(path, forKey: .path)
        try container.encode(examples, forKey: .examples)
    }

    enum CodingKeys: CodingKey { case index, name, description, synonyms, group, path, examples }
}
