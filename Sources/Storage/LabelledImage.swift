// LabelledImage: one item's image bytes with its truth, as a classifier reads a split.
import Foundation
import GRDB

public struct LabelledImage: Sendable {
    public let itemID: Int64
    public let source: String
    public let trueCategory: Int
    public let split: Split
    public let bytes: Data
}
