// CatalogWriter: adds one dataset's categories and items inside a single transaction,
// so an import either lands whole or leaves the database exactly as it was.
import Foundation
import GRDB

public final class CatalogWriter {
    let db: Database
    public let datasetID: Int64
    public let datasetName: String
    public private(set) var newImageCount = 0
    /// Images already resolved in this import: duplicates inside one dataset are common.
    private var imageIDs: [String: Int64] = [:]
    /// Allow a test image that is also an example or practice image (with a warning):
    /// otherwise such an import is refused, since annotators would have seen its label.
    public var allowsSharedTestImages = false
    /// Test images also shown as examples or practice, found while `allowsSharedTestImages`.
    public private(set) var sharedTestImages = 0
    /// Per image of this import: the first item that used it, by split.
    private var firstUse: [Int64: (split: Split, source: String)] = [:]

    init(db: Database, datasetID: Int64, datasetName: String) {
        self.db = db
        self.datasetID = datasetID
        self.datasetName = datasetName
    }

    public func addItem(image: StoredImage, categoryIndex: Int, split: Split, source: String) throws {
        let imageID = try imageID(for: image)
        try checkBlinding(imageID: imageID, split: split, source: source)
        let insert = try db.cachedStatement(sql: """
            INSERT INTO item (dataset_id, image_id, category_idx, split, source) VALUES (?, ?, ?, ?, ?)
            """)
        do {
            try insert.execute(arguments: [datasetID, imageID, categoryIndex, split.rawValue, source])
        } catch let error as DatabaseError where error.extendedResultCode == .SQLITE_CONSTRAINT_UNIQUE {
            throw StorageError.duplicateSource(dataset: datasetName, source: source)
        }
    }

    /// A test image whose label annotators would have seen elsewhere in the dataset (as an
    /// example with its category, or as practice with feedback) is not a blind trial; nor
    /// is one a participant also meets as a catch trial, which is scored and may be revealed.
    private func checkBlinding(imageID: Int64, split: Split, source: String) throws {
        let shown: Set<Split> = [.example, .practice, .catch]
        guard split == .test || shown.contains(split) else { return }
        guard let earlier = firstUse[imageID] else {
            firstUse[imageID] = (split, source)
            return
        }
        let clash = (split == .test && shown.contains(earlier.split)) || (earlier.split == .test && shown.contains(split))
        guard clash else { return }
        guard allowsSharedTestImages else {
            let (test, other, otherSplit) = split == .test ? (source, earlier.source, earlier.split) : (earlier.source, source, split)
            throw StorageError.testImageShown(dataset: datasetName, testSource: test, otherSource: other, otherSplit: otherSplit.rawValue)
        }
        sharedTestImages += 1
    }

    private func imageID(for image: StoredImage) throws -> Int64 {
        if let known = imageIDs[image.sha256] { return known }
        // Insert first and look up only on conflict: most images in an import are new,
        // so this saves a query per image over select-then-insert.
        let insert = try db.cachedStatement(sql: """
            INSERT INTO image (sha256, bytes, width, height, format) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (sha256) DO NOTHING
            """)
        try insert.execute(arguments: [image.sha256, image.bytes, image.width, image.height, image.format])
        let id: Int64
        if db.changesCount == 1 {
            id = db.lastInsertedRowID
            newImageCount += 1
        } else {
            let find = try db.cachedStatement(sql: "SELECT id FROM image WHERE sha256 = ?")
            guard let existing = try Int64.fetchOne(find, arguments: [image.sha256]) else {
                // The conflict that got here was with this very row, inside this transaction.
                preconditionFailure("image \(image.sha256) conflicted but cannot be found")
            }
            id = existing
        }
        imageIDs[image.sha256] = id
        return id
    }
}
