// LayerDescription: one row of the model card's architecture list.

public struct LayerDescription: Codable, Sendable, Equatable {
    public var name: String
    public var kind: String
    /// Per-sample shapes, batch dimension excluded.
    public var inputShape: [Int]
    public var outputShape: [Int]
    public var parameterCount: Int

    public init(name: String, kind: String, inputShape: [Int], outputShape: [Int], parameterCount: Int) {
        self.name = name
        self.kind = kind
        self.inputShape = inputShape
        self.outputShape = outputShape
        self.parameterCount = parameterCount
    }
}
