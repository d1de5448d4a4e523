// CountedJudgement: the part of a counted (non-abstained) test trial that item-level figures
// read. A quarter of a Trial's size, which matters when a report holds a million of them.
struct CountedJudgement: Sendable, Equatable {
    let annotatorID: Int64
    /// Non-empty: abstentions are never counted.
    let guesses: [Int]

    init(_ trial: Trial) {
        annotatorID = trial.annotatorID
        guesses = trial.guesses
    }

    var firstGuess: Int { guesses[0] }
}
