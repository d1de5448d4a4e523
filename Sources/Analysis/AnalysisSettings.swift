// AnalysisSettings: the dataset settings and choices a report depends on.
public struct AnalysisSettings: Sendable, Equatable {
    /// k of every top-k figure, human and model alike, so the two are comparable.
    public var maxGuesses: Int
    /// Judgements per point of an annotator's learning curve.
    public var learningCurveBlockSize: Int

    public init(maxGuesses: Int, learningCurveBlockSize: Int = 20) {
        precondition(maxGuesses >= 1, "max_guesses must be at least 1")
        precondition(learningCurveBlockSize >= 1, "learning-curve blocks need at least one judgement")
        self.maxGuesses = maxGuesses
        self.learningCurveBlockSize = learningCurveBlockSize
    }
}
