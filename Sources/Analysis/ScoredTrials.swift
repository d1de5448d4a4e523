// ScoredTrials: the trials a report may count (a truth exists, not superseded), ordered and grouped.
struct ScoredTrials: Sendable {
    let truths: [Int64: Int]
    /// Every countable trial, practice and test, in submission order.
    let inOrder: [Trial]
    /// Items with at least one test trial, ordered by item id so reports are reproducible.
    let testItems: [ItemEvidence]

    init(trials: [Trial], truths: [ItemTruth]) {
        // A repeated truth would be an upstream bug; keeping the first is as good as any.
        let truthByItem = Dictionary(truths.map { ($0.itemID, $0.trueCategory) }, uniquingKeysWith: { first, _ in first })
        self.truths = truthByItem
        // Sort by sequence, and by input position for equal sequences, so "earliest" never
        // depends on the sort algorithm's stability.
        inOrder = trials.enumerated()
            .filter { !$0.element.superseded && truthByItem[$0.element.itemID] != nil }
            .sorted { ($0.element.sequence, $0.offset) < ($1.element.sequence, $1.offset) }
            .map(\.element)
        let testTrialsByItem = Dictionary(grouping: inOrder.filter { $0.phase == .test }, by: \.itemID)
        testItems = testTrialsByItem.keys.sorted().map { itemID in
            ItemEvidence(itemID: itemID, trueCategory: truthByItem[itemID]!, testTrials: testTrialsByItem[itemID]!)
        }
    }

    /// Top-1 miss: the first guess is not the truth. Only meaningful for counted judgements.
    func isWrong(_ trial: Trial) -> Bool {
        trial.firstGuess != truths[trial.itemID]
    }
}
