// HumanMajority: the label the crowd gives an item, as one "human" to set beside one model.
/// The most frequent first guess among an item's counted judgements. A tie goes to the tied
/// category chosen earliest: the one whose first occurrence comes first in submission order.
/// That rule is deterministic and uses no information the annotators did not give (no
/// category order, no truth), so it cannot flatter the humans.
public enum HumanMajority {
    /// `firstGuesses` must be in submission order; nil when there are none.
    public static func label(firstGuesses: [Int]) -> Int? {
        // Items get a handful of judgements, so a short list beats two hash tables per item.
        var tally: [(label: Int, votes: Int)] = []  // in order of first appearance
        for guess in firstGuesses {
            if let index = tally.firstIndex(where: { $0.label == guess }) {
                tally[index].votes += 1
            } else {
                tally.append((guess, 1))
            }
        }
        // Strictly more votes wins; on equal votes the earlier-seen label stays.
        var best: (label: Int, votes: Int)?
        for entry in tally where entry.votes > (best?.votes ?? 0) { best = entry }
        return best?.label
    }
}
