// Prediction: one of an image's top-k classes and its softmax probability.

public struct Prediction: Codable, Sendable, Equatable {
    public var index: Int
    public var score: Float

    public init(index: Int, score: Float) {
        self.index = index
        self.score = score
    }
}
