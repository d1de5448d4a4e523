// ImportSummary: what an import stored, for the one-line report.
import Foundation
import Storage

public struct ImportSummary: Sendable, Equatable {
    public let dataset: String
    public let itemsPerSplit: [Split: Int]
    public let newImages: Int
    public let seconds: Double

    public var items: Int { itemsPerSplit.values.reduce(0, +) }

    public var line: String {
        let splits = Split.allCases.compactMap { split in itemsPerSplit[split].map { "\($0) \(split.rawValue)" } }
        let rate = seconds > 0 ? Int(Double(items) / seconds) : 0
        return "imported '\(dataset)': \(items) items (\(splits.joined(separator: ", "))), "
            + "\(newImages) new images, in \(String(format: "%.2f", seconds)) s (\(rate) items/s)"
    }
}
