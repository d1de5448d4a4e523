// ScratchBuffer: allocation of float buffers that the caller overwrites
// completely (im2col columns, GEMM outputs), skipping the zero-fill that
// `[Float](repeating: 0, count:)` would spend on them.

enum ScratchBuffer {
    /// `count` floats with unspecified contents; every element must be written before it is read.
    static func floats(_ count: Int) -> [Float] {
        [Float](unsafeUninitializedCapacity: count) { _, initialized in initialized = count }
    }
}
