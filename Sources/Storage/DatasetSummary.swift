// DatasetSummary: what `refhuman datasets` shows: items per split and per category.
import GRDB

public struct DatasetSummary: Codable, Sendable, Equatable {
    public let name: String
    public let title: String
    public let settings: DatasetSettings
    /// Items per split name; splits without items are absent.
    public let items: [String: Int]
    public let categories: [CategoryItemCount]
}
