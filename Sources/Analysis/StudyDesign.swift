// StudyDesign: the protocol behind a report's numbers, as its methods section states it.
public struct StudyDesign: Sendable, Equatable {
    public var title: String
    public var testItems: Int
    public var practiceItems: Int
    public var judgementsPerItem: Int
    /// nil: every practice item comes first.
    public var practiceCount: Int?
    /// nil: the image stays on screen until the answer.
    public var exposureMilliseconds: Int?
    public var maxGuesses: Int
    public var annotators: Int

    public init(title: String, testItems: Int, practiceItems: Int, judgementsPerItem: Int, practiceCount: Int?,
                exposureMilliseconds: Int?, maxGuesses: Int, annotators: Int) {
        self.title = title
        self.testItems = testItems
        self.practiceItems = practiceItems
        self.judgementsPerItem = judgementsPerItem
        self.practiceCount = practiceCount
        self.exposureMilliseconds = exposureMilliseconds
        self.maxGuesses = maxGuesses
        self.annotators = annotators
    }
}
