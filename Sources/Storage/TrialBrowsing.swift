// TrialBrowsing: what an annotator looked at in the picker during one trial: the categories
// whose cards or examples they opened, the searches they typed, and the categories they
// pinned to compare. The report reads it to tell "did not know" from "did not find".
public struct TrialBrowsing: Codable, Sendable, Equatable {
    public var opened: [Int]
    public var searched: [String]
    public var pinned: [Int]

    /// Bounds that keep one trial's record small whatever a page sends.
    public static let maxOpened = 1_000, maxSearches = 50, maxSearchLength = 100, maxPinned = 4

    public init(opened: [Int] = [], searched: [String] = [], pinned: [Int] = []) {
        self.opened = opened
        self.searched = searched
        self.pinned = pinned
    }

    /// The first thing wrong with it for a dataset of `categories` categories, or nil.
    func problem(categories: Int) -> String? {
        if opened.count > Self.maxOpened { return "browsing.opened holds at most \(Self.maxOpened) categories" }
        if searched.count > Self.maxSearches { return "browsing.searched holds at most \(Self.maxSearches) searches" }
        if searched.contains(where: { $0.count > Self.maxSearchLength }) {
            return "each browsing.searched entry is at most \(Self.maxSearchLength) characters"
        }
        if pinned.count > Self.maxPinned { return "browsing.pinned holds at most \(Self.maxPinned) categories" }
        if let wrong = (opened + pinned).first(where: { !(0..<categories).contains($0) }) {
            return "browsing names \(wrong), which is not a category (0–\(categories - 1))"
        }
        return nil
    }
}
