// CategoryItemCount: how many items one category has in each split.
public struct CategoryItemCount: Codable, Sendable, Equatable {
    public let index: Int
    public let name: String
    /// Items per split name; splits without items are absent.
    public let items: [String: Int]
}
