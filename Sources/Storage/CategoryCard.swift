// CategoryCard: one category as the picker shows it, with its example images.
public struct CategoryCard: Codable, Sendable, Equatable {
    public let index: Int
    public let name: String
    public let description: String
    public let synonyms: [String]
    public let group: String?
    /// Keys of its ancestors in the dataset's hierarchy, the root first and its parent last;
    /// empty without a hierarchy.
    public let path: [String]
    /// SHA-256 addresses of up to 13 `example` images.
    public let examples: [String]
}
