// Parameter: one trainable array (a weight or a bias) and its gradient.
// A class so that the layer owning it, the optimiser and the safetensors
// loader all see and update the same storage.

public final class Parameter {
    public let name: String
    public let shape: [Int]
    public var value: [Float]
    /// Written by the owning layer's backward pass for the last batch.
    public var grad: [Float]

    public init(name: String, shape: [Int], value: [Float]) {
        precondition(shape.reduce(1, *) == value.count, "\(name): shape \(shape) vs \(value.count) values")
        self.name = name
        self.shape = shape
        self.value = value
        self.grad = [Float](repeating: 0, count: value.count)
    }

    public var count: Int { value.count }
}
