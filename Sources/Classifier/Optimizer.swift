// Optimizer: updates parameters in place from the gradients left by backward.

public protocol Optimizer: AnyObject {
    /// Current step size; the trainer changes it between epochs for the schedule.
    var learningRate: Float { get set }
    func step(_ parameters: [Parameter])
}
