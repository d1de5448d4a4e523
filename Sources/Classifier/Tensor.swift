// Tensor: a float32 array plus its shape, stored row-major. Image batches use
// NCHW order, so element (n, c, h, w) lives at ((n*C + c)*H + h)*W + w.

public struct Tensor: Sendable, Equatable {
    public var shape: [Int]
    public var data: [Float]

    public init(shape: [Int], data: [Float]) {
        precondition(shape.allSatisfy { $0 >= 0 }, "negative dimension in \(shape)")
        precondition(shape.reduce(1, *) == data.count,
                     "shape \(shape) needs \(shape.reduce(1, *)) values, got \(data.count)")
        self.shape = shape
        self.data = data
    }

    public init(zeros shape: [Int]) {
        self.init(shape: shape, data: [Float](repeating: 0, count: shape.reduce(1, *)))
    }

    public var count: Int { data.count }

    /// The first dimension: the batch size for every tensor the layers pass around.
    public var batch: Int { shape.first ?? 0 }

    /// Same storage, new shape (the element count must not change).
    public func reshaped(_ newShape: [Int]) -> Tensor {
        Tensor(shape: newShape, data: data)
    }
}
