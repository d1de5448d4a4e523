// ScoredTrials: the trials a report may count (a truth exists, not superseded), ordered and grouped.
import StudyPhase

struct ScoredTrials: Sendable {
    /// The trials as passed in; `order` picks the countable ones. Positions rather than copies:
    /// a million trials copied is a quarter-gigabyte of fresh pages for the kernel to zero.
    let trials: [Trial]
    /// Positions in `trials` of every countable trial, practice and test, in submission order.
    let order: [Int]
    /// Parallel to `order`: the trial's first guess is not its item's truth (false for abstentions).
    let wrong: [Bool]
    /// Items with at least one test trial, ordered by item id so reports are reproducible.
    let testItems: [ItemEvidence]

    init(trials: [Trial], truths: [ItemTruth]) {
        // Items are numbered densely in id order, so every later step indexes flat arrays
        // instead of hashing an item id per trial. A repeated truth would be an upstream
        // bug; keeping the first given is as good as any.
        let sortedTruths = truths.enumerated().sorted { ($0.element.itemID, $0.offset) < ($1.element.itemID, $1.offset) }
        var itemIDs: [Int64] = [], truthOfDense: [Int] = []
        for (_, truth) in sortedTruths where itemIDs.last != truth.itemID {
            itemIDs.append(truth.itemID)
            truthOfDense.append(truth.trueCategory)
        }
        let denseOf = DenseNumbering(sortedIDs: itemIDs)

        var kept: [(position: Int, item: Int)] = []
        kept.reserveCapacity(trials.count)
        for (position, trial) in trials.enumerated() where !trial.superseded {
            if let dense = denseOf[trial.itemID] { kept.append((position, dense)) }
        }
        // Sort by sequence, and by input position for equal sequences, so "earliest" never
        // depends on the sort algorithm's stability. Trials read from the store arrive in
        // order already, and checking that is far cheaper than sorting.
        let ascending = zip(kept, kept.dropFirst()).allSatisfy { trials[$0.position].sequence <= trials[$1.position].sequence }
        if !ascending {
            kept.sort { (trials[$0.position].sequence, $0.position) < (trials[$1.position].sequence, $1.position) }
        }
        self.trials = trials
        order = kept.map(\.position)
        wrong = kept.map { entry in
            let trial = trials[entry.position]
            return !trial.isAbstention && trial.firstGuess != truthOfDense[entry.item]
        }

        // Counted test trials bucketed by dense item (a counting sort), each bucket in
        // submission order; abstentions are only counted.
        var bucketStart = [Int](repeating: 0, count: itemIDs.count + 1)
        var abstentions = [Int](repeating: 0, count: itemIDs.count)
        for entry in kept where trials[entry.position].phase == .test {
            if trials[entry.position].isAbstention { abstentions[entry.item] += 1 } else { bucketStart[entry.item + 1] += 1 }
        }
        for dense in 0..<itemIDs.count { bucketStart[dense + 1] += bucketStart[dense] }
        var fill = bucketStart
        var bucketed = [Int](repeating: 0, count: bucketStart[itemIDs.count])
        for entry in kept where trials[entry.position].phase == .test && !trials[entry.position].isAbstention {
            bucketed[fill[entry.item]] = entry.position
            fill[entry.item] += 1
        }
        testItems = (0..<itemIDs.count).compactMap { dense in
            let members = bucketed[bucketStart[dense]..<bucketStart[dense + 1]]
            guard !members.isEmpty || abstentions[dense] > 0 else { return nil }
            return ItemEvidence(itemID: itemIDs[dense], trueCategory: truthOfDense[dense],
                                judgements: members.map { CountedJudgement(trials[$0]) }, abstentions: abstentions[dense])
        }
    }
}
