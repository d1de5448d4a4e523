// JudgementRules: what the writer needs to know to accept a judgement of one dataset
// without asking SQLite: its guess limits and, for each item annotators judge, its phase
// and true category. These change only when another connection rewrites the dataset,
// and AssignmentBoards drops them then, together with the boards.
import Foundation
import GRDB

final class JudgementRules {
    struct Item {
        let phase: String
        let truth: Int
    }

    let maxGuesses: Int
    let categories: Int
    private let items: [Int64: Item]

    init(_ db: Database, datasetID: Int64) throws {
        guard let limits = try Row.fetchOne(db, sql: """
            SELECT max_guesses, (SELECT count(*) FROM category WHERE dataset_id = dataset.id) FROM dataset WHERE id = ?
            """, arguments: [datasetID]) else { throw StorageError.invalid("dataset \(datasetID) is gone") }
        maxGuesses = limits[0]
        categories = limits[1]
        var items: [Int64: Item] = [:]
        let rows = try Row.fetchCursor(db, sql: """
            SELECT id, split, category_idx FROM item WHERE dataset_id = ? AND split IN ('test', 'practice')
            """, arguments: [datasetID])
        while let row = try rows.next() { items[row[0]] = Item(phase: row[1], truth: row[2]) }
        self.items = items
    }

    /// The item, if annotators of this dataset judge it.
    func item(_ id: Int64) -> Item? { items[id] }
}
