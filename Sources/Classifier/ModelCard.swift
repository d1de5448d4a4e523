// ModelCard: the human-readable record that travels with a weights file —
// what the network is, what it was trained on and how, and how well it did.

public struct ModelCard: Codable, Sendable, Equatable {
    public var formatVersion: Int = 1
    /// [channels, height, width] of one input image, pixel values in [0, 1].
    public var inputShape: [Int]
    public var classes: Int
    public var classNames: [String]?
    public var architecture: [LayerDescription]
    public var parameterCount: Int
    public var trainingData: String
    public var epochs: Int
    public var seed: UInt64
    /// Seed of the initial weights (the training seed drives shuffling, augmentation, dropout).
    public var initSeed: UInt64
    public var optimiser: String
    /// The full configuration the run used: learning rate, batch size, schedule, augmentation...
    public var hyperParameters: TrainingConfig
    public var dropout: Float
    public var testAccuracy: Double?
    public var testDescription: String?
    public var trainingTimeSeconds: Double
    /// ISO 8601, UTC, of the end of training.
    public var date: String
    public var epochLog: [EpochReport]

    public init(inputShape: [Int], classes: Int, classNames: [String]? = nil,
                architecture: [LayerDescription], parameterCount: Int, trainingData: String,
                epochs: Int, seed: UInt64, initSeed: UInt64, optimiser: String,
                hyperParameters: TrainingConfig, dropout: Float, testAccuracy: Double? = nil,
                testDescription: String? = nil, trainingTimeSeconds: Double, date: String,
                epochLog: [EpochReport]) {
        self.inputShape = inputShape
        self.classes = classes
        self.classNames = classNames
        self.architecture = architecture
        self.parameterCount = parameterCount
        self.trainingData = trainingData
        self.epochs = epochs
        self.seed = seed
        self.initSeed = initSeed
        self.optimiser = optimiser
        self.hyperParameters = hyperParameters
        self.dropout = dropout
        self.testAccuracy = testAccuracy
        self.testDescription = testDescription
        self.trainingTimeSeconds = trainingTimeSeconds
        self.date = date
        self.epochLog = epochLog
    }
}
