// StudyItem: one test or practice item as reports and exports see it: truth, source, image.
public struct StudyItem: Sendable, Equatable {
    public let id: Int64
    public let trueCategory: Int
    public let split: Split
    /// The record index or relative path the item was imported from.
    public let source: String
    public let imageSHA256: String
}
