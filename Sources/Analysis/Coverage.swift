// Coverage: how many counted judgements the test items got, against the study's plan.
/// A study stopped early, or still running, has items with fewer judgements than planned. A
/// majority of fewer than k labels is a different "human" from a majority of k, so majority
/// figures and paired tests use complete items only, and this table says how many there are.
public struct Coverage: Sendable, Equatable, Encodable {
    public struct Row: Sendable, Equatable, Encodable {
        /// Counted (non-abstained) test judgements on an item.
        public var judgements: Int
        public var items: Int
    }

    /// Test items the study planned to cover; nil when the caller did not say.
    public var plannedItems: Int?
    /// k: the judgements each item was to collect.
    public var judgementsPerItem: Int
    /// Items by their number of counted judgements, fewest first; the 0 row appears when the
    /// planned item count is known.
    public var itemsByJudgements: [Row]
    /// Items with at least k counted judgements.
    public var completeItems: Int
    /// Items with at least one counted judgement.
    public var judgedItems: Int
    public var countedJudgements: Int

    enum CodingKeys: String, CodingKey {
        case plannedItems = "planned_items"
        case judgementsPerItem = "judgements_per_item"
        case itemsByJudgements = "items_by_judgements"
        case completeItems = "complete_items"
        case judgedItems = "judged_items"
        case countedJudgements = "counted_judgements"
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(plannedItems, forKey: .plannedItems)
        try container.encode(judgementsPerItem, forKey: .judgementsPerItem)
        try container.encode(itemsByJudgements, forKey: .itemsByJudgements)
        try container.encode(completeItems, forKey: .completeItems)
        try container.encode(judgedItems, forKey: .judgedItems)
        try container.encode(countedJudgements, forKey: .countedJudgements)
    }

    init(items: [ItemEvidence], judgementsPerItem: Int, plannedItems: Int?) {
        var tally: [Int: Int] = [:]
        for item in items where item.isCompared { tally[item.judgements.count, default: 0] += 1 }
        let judged = tally.values.reduce(0, +)
        if let plannedItems, plannedItems > judged { tally[0] = plannedItems - judged }
        self.plannedItems = plannedItems
        self.judgementsPerItem = judgementsPerItem
        itemsByJudgements = tally.keys.sorted().map { Row(judgements: $0, items: tally[$0]!) }
        completeItems = tally.filter { $0.key >= judgementsPerItem }.values.reduce(0, +)
        judgedItems = judged
        countedJudgements = tally.reduce(0) { $0 + $1.key * $1.value }
    }
}
