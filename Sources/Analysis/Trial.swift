// Trial: one judgement an annotator gave on one item, as Analysis needs it.
import StudyPhase

public struct Trial: Sendable, Equatable {
    public var itemID: Int64
    public var annotatorID: Int64
    /// Category indices in the order the annotator gave them; the first is the top-1 answer.
    public var guesses: [Int]
    public var abstained: Bool
    public var phase: Phase
    public var responseMilliseconds: Int?
    /// Submission order (e.g. the judgement's row id). "Earliest" in every rule means lowest
    /// sequence; equal sequences keep the order the trials were passed in.
    public var sequence: Int64
    /// Undone judgements are kept in storage but never count; passing them here is harmless.
    public var superseded: Bool
    /// Categories the annotator opened, pinned or found by a search during the trial; nil
    /// when the page sent no record of it.
    public var lookedAt: Set<Int>?

    public init(
        itemID: Int64, annotatorID: Int64, guesses: [Int], abstained: Bool = false,
        phase: Phase = .test, responseMilliseconds: Int? = nil, sequence: Int64,
        superseded: Bool = false, lookedAt: Set<Int>? = nil
    ) {
        self.itemID = itemID
        self.annotatorID = annotatorID
        self.guesses = guesses
        self.abstained = abstained
        self.phase = phase
        self.responseMilliseconds = responseMilliseconds
        self.sequence = sequence
        self.superseded = superseded
        self.lookedAt = lookedAt
    }

    /// A judgement without any guess makes no claim about the image, so it is treated as an
    /// abstention everywhere; that way every counted judgement has a first guess.
    public var isAbstention: Bool { abstained || guesses.isEmpty }

    public var firstGuess: Int? { isAbstention ? nil : guesses.first }
}
