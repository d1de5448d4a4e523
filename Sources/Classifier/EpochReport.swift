// EpochReport: what the progress callback receives after each training epoch.

public struct EpochReport: Codable, Sendable, Equatable {
    public var epoch: Int            // 1-based
    public var epochs: Int
    public var learningRate: Float
    /// Mean training loss and accuracy over the epoch, measured on the augmented,
    /// dropped-out batches as they were trained (so a little pessimistic).
    public var loss: Double
    public var accuracy: Double
    /// Accuracy on the held-out set passed to train, if any.
    public var heldOutAccuracy: Double?
    public var epochSeconds: Double
    public var elapsedSeconds: Double

    public init(epoch: Int, epochs: Int, learningRate: Float, loss: Double, accuracy: Double,
                heldOutAccuracy: Double?, epochSeconds: Double, elapsedSeconds: Double) {
        self.epoch = epoch
        self.epochs = epochs
        self.learningRate = learningRate
        self.loss = loss
        self.accuracy = accuracy
        self.heldOutAccuracy = heldOutAccuracy
        self.epochSeconds = epochSeconds
        self.elapsedSeconds = elapsedSeconds
    }
}
