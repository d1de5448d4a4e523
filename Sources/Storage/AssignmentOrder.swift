// AssignmentOrder: which test items a study hands out first: `fill` completes items to
// their judgements per item before opening new ones (a study stopped early has complete
// items); `spread` gives the least-judged first (every item gets some before any gets many).
public enum AssignmentOrder: String, Codable, Sendable, CaseIterable {
    case fill
    case spread
}
