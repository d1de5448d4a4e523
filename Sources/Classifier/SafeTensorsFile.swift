// SafeTensorsFile: the contents of a decoded safetensors file: named float32
// tensors (in file order) and the free-form string metadata.

public struct SafeTensorsFile: Sendable, Equatable {
    /// Tensor names in the order their bytes appear in the file.
    public var names: [String]
    public var tensors: [String: Tensor]
    public var metadata: [String: String]

    public init(names: [String], tensors: [String: Tensor], metadata: [String: String]) {
        self.names = names
        self.tensors = tensors
        self.metadata = metadata
    }
}
