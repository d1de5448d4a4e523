// ClassifierError: refusals of the classifier's public API — inputs of the wrong
// size, bad configurations, and weight files that don't fit the network.

public enum ClassifierError: Error, Equatable, CustomStringConvertible {
    case imageDataSize(values: Int, perImage: Int)
    case labelCount(images: Int, labels: Int)
    case labelOutOfRange(label: Int, classes: Int)
    case invalidConfig(String)
    case missingTensor(String)
    case unexpectedTensor(String)
    case tensorShape(name: String, expected: [Int], found: [Int])
    case missingMetadata(String)
    case invalidMetadata(key: String, value: String)

    public var description: String {
        switch self {
        case let .imageDataSize(values, perImage):
            "image data has \(values) values, not a multiple of \(perImage) per image"
        case let .labelCount(images, labels):
            "\(images) images but \(labels) labels"
        case let .labelOutOfRange(label, classes):
            "label \(label) is outside 0..<\(classes)"
        case let .invalidConfig(reason):
            "invalid training configuration: \(reason)"
        case let .missingTensor(name):
            "weights file has no tensor \"\(name)\" that the network needs"
        case let .unexpectedTensor(name):
            "weights file has a tensor \"\(name)\" that the network does not use"
        case let .tensorShape(name, expected, found):
            "tensor \"\(name)\" has shape \(found) but the network expects \(expected)"
        case let .missingMetadata(key):
            "weights file metadata lacks \"\(key)\""
        case let .invalidMetadata(key, value):
            "weights file metadata \"\(key)\" has an unusable value \"\(value)\""
        }
    }
}
