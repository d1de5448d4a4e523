// Layer: what every network stage provides. Training runs forward(training:)
// then backward, which needs the activations cached by that forward; inference
// runs infer, which caches nothing so two threads may share one layer.

public protocol Layer: AnyObject {
    /// Short name used for parameter names ("conv1.weight") and the model card.
    var name: String { get }
    /// A one-line description for the model card, e.g. "conv2d 3x3 1->32 pad 1".
    var summary: String { get }
    var parameters: [Parameter] { get }

    /// Shape of one output sample for one input sample (batch dimension excluded).
    func outputShape(for inputShape: [Int]) -> [Int]

    /// x: [N, ...] -> y: [N, ...]. When `training` is true the layer keeps what
    /// its backward pass needs (and dropout draws a fresh mask).
    func forward(_ x: Tensor, training: Bool) -> Tensor

    /// dy: dLoss/dy for the last training forward -> dLoss/dx. Also overwrites
    /// the gradients of this layer's parameters.
    func backward(_ dy: Tensor) -> Tensor

    /// Evaluation-mode forward that touches no layer state.
    func infer(_ x: Tensor) -> Tensor
}

extension Layer {
    public var parameters: [Parameter] { [] }
}
