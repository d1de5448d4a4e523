// HumanMajority: the label the crowd gives an item, as one "human" to set beside one model.
/// The most frequent first guess among an item's counted judgements. A tie goes to the tied
/// category chosen earliest: the one whose first occurrence comes first in submission order.
/// That rule is deterministic and uses no information the annotators did not give (no
/// category order, no truth), so it cannot flatter the humans.
public enum HumanMajority {
    /// `firstGuesses` must be in submission order; nil when there are none.
    public static func label(firstGuesses: [Int]) -> Int? {
        var votes: [Int: Int] = [:]
        var firstSeenAt: [Int: Int] = [:]
        for (position, guess) in firstGuesses.enumerated() {
            votes[guess, default: 0] += 1
            if firstSeenAt[guess] == nil { firstSeenAt[guess] = position }
        }
        return votes.keys.min { a, b in
            if votes[a]! != votes[b]! { return votes[a]! > votes[b]! }
            return firstSeenAt[a]! < firstSeenAt[b]!
        }
    }
}
