// ImportedJudgement: one judgement collected outside RefHuman, as a file of them gives it.
import StudyPhase

public struct ImportedJudgement: Sendable, Equatable {
    /// The file's line, for refusals.
    public let line: Int
    /// Made an annotator (or found as one) by this name.
    public let annotator: String
    public let itemID: Int64
    /// Category indices, best guess first.
    public let guesses: [Int]
    public let responseMs: Int?
    /// .test or .practice, matching the item's split.
    public let phase: Phase

    public init(line: Int, annotator: String, itemID: Int64, guesses: [Int], responseMs: Int?, phase: Phase) {
        self.line = line
        self.annotator = annotator
        self.itemID = itemID
        self.guesses = guesses
        self.responseMs = responseMs
        self.phase = phase
    }
}
