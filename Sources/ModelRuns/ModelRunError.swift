// ModelRunError: a training or classification run refused, as one line for the CLI.
public struct ModelRunError: Error, CustomStringConvertible {
    public let description: String

    init(_ description: String) { self.description = description }
}
