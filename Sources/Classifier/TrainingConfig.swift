// TrainingConfig: every knob of a training run. Codable because the model card
// records it verbatim as the run's hyper-parameters.

public struct TrainingConfig: Codable, Sendable, Equatable {
    public var epochs: Int = 12
    public var batchSize: Int = 64
    public var optimizer: OptimizerKind = .adam
    /// Peak learning rate; with `cosineSchedule` it decays to 0 by the last epoch.
    public var learningRate: Float = 1e-3
    /// SGD momentum.
    public var momentum: Float = 0.9
    /// Adam moment decay rates and denominator guard.
    public var beta1: Float = 0.9
    public var beta2: Float = 0.999
    public var epsilon: Float = 1e-8
    /// L2 penalty for SGD, decoupled decay for Adam (AdamW).
    public var weightDecay: Float = 0
    /// Per-epoch learning rate lr * (1 + cos(pi * e / epochs)) / 2 for e = 0..<epochs.
    public var cosineSchedule: Bool = true
    /// Seeds shuffling, augmentation and dropout (the network has its own init seed).
    public var seed: UInt64 = 1
    /// Mirror left-right with probability 1/2. Suits clothing; never flips vertically.
    public var horizontalFlip: Bool = true
    /// Translate by up to this many pixels in x and y, filling with 0.
    public var maxShift: Int = 1
    /// OpenBLAS threads for training's batch-wide GEMMs; 0 means one per core.
    /// Results are bit-for-bit repeatable only for the same thread count.
    public var threads: Int = 0
    /// Free text for the model card, e.g. "Fashion-MNIST train, 60000 images".
    public var dataDescription: String = ""

    public init() {}
}
