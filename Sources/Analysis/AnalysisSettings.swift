// AnalysisSettings: the dataset settings and choices a report depends on.
public struct AnalysisSettings: Sendable, Equatable {
    /// k of every top-k figure, human and model alike, so the two are comparable.
    public var maxGuesses: Int
    /// Judgements per point of an annotator's learning curve.
    public var learningCurveBlockSize: Int
    /// k, the judgements each test item was to collect: majority figures and paired tests use
    /// only items with at least k counted judgements ("complete" items).
    public var judgementsPerItem: Int
    /// Test items the study planned to cover; nil when unknown (then coverage counts only
    /// the items that got a judgement).
    public var plannedTestItems: Int?

    public init(maxGuesses: Int, learningCurveBlockSize: Int = 20, judgementsPerItem: Int = 1, plannedTestItems: Int? = nil) {
        precondition(maxGuesses >= 1, "max_guesses must be at least 1")
        precondition(learningCurveBlockSize >= 1, "learning-curve blocks need at least one judgement")
        precondition(judgementsPerItem >= 1, "judgements per item must be at least 1")
        self.maxGuesses = maxGuesses
        self.learningCurveBlockSize = learningCurveBlockSize
        self.judgementsPerItem = judgementsPerItem
        self.plannedTestItems = plannedTestItems
    }
}
