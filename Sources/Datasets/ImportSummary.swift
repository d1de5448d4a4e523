// ImportSummary: what an import stored, for the one-line report.
import Foundation
import Storage

public struct ImportSummary: Sendable, Equatable, Encodable {
    public let dataset: String
    public let itemsPerSplit: [Split: Int]
    public let newImages: Int
    /// Test images also used as examples or practice, accepted by --allow-shared-test-images.
    public let sharedTestImages: Int
    public let seconds: Double

    public var items: Int { itemsPerSplit.values.reduce(0, +) }

    enum CodingKeys: CodingKey { case dataset, items, itemsPerSplit, newImages, sharedTestImages, seconds }

    /// Splits as names, so the JSON reads `{"test": 1000, …}`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dataset, forKey: .dataset)
        try container.encode(items, forKey: .items)
        try container.encode(Dictionary(uniqueKeysWithValues: itemsPerSplit.map { ($0.key.rawValue, $0.value) }), forKey: .itemsPerSplit)
        try container.encode(newImages, forKey: .newImages)
        try container.encode(sharedTestImages, forKey: .sharedTestImages)
        try container.encode(seconds, forKey: .seconds)
    }

    public var line: String {
        let splits = Split.allCases.compactMap { split in itemsPerSplit[split].map { "\($0) \(split.rawValue)" } }
        let rate = seconds > 0 ? Int(Double(items) / seconds) : 0
        return "imported '\(dataset)': \(items) items (\(splits.joined(separator: ", "))), "
            + "\(newImages) new images, in \(String(format: "%.2f", seconds)) s (\(rate) items/s)"
    }
}
