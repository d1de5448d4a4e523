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

extension Store {
    /// The items of the given splits in id order, with their images; `dataset` nil means the only one.
    public func labelledImages(dataset: String?, splits: [Split]) throws -> (dataset: String, categories: [String], images: [LabelledImage]) {
        try pool.read { db in
            let datasetID = try Self.resolveDataset(db, dataset)
            let name = try Self.datasetName(db, id: datasetID)
            let categories = try Self.categoryNames(db, datasetID: datasetID)
            let placeholders = splits.map { _ in "?" }.joined(separator: ", ")
            var arguments: StatementArguments = [datasetID]
            for split in splits { arguments += [split.rawValue] }
            let images = try Row.fetchAll(db, sql: """
                SELECT item.id, item.source, item.category_idx, item.split, image.bytes FROM item JOIN image ON image.id = item.image_id
                WHERE item.dataset_id = ? AND item.split IN (\(placeholders)) ORDER BY item.id
                """, arguments: arguments).map { row in
                LabelledImage(itemID: row[0], source: row[1], trueCategory: row[2], split: Split(rawValue: row[3]) ?? .test, bytes: row[4])
            }
            return (name, categories, images)
        }
    }
}
