// OptimizerKind: which update rule a training run uses.

public enum OptimizerKind: String, Codable, Sendable {
    case sgd
    case adam
}
