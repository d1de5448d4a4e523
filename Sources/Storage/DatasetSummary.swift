// DatasetSummary: what `refhuman datasets` shows: items per split and per category.
import GRDB

public struct DatasetSummary: Codable, Sendable, Equatable {
    public let name: String
    public let title: String
    public let settings: DatasetSettings
    /// Items per split name; splits without items are absent.
    public let items: [String: Int]
    public let categories: [CategoryItemCount]
}

extension Store {
    public func datasetSummaries() throws -> [DatasetSummary] {
        try pool.read { db in
            let datasets = try Row.fetchAll(db, sql: """
                SELECT id, name, title, judgements_per_item, max_guesses, exposure_ms, practice_count
                FROM dataset ORDER BY name
                """)
            return try datasets.map { dataset in
                let id: Int64 = dataset["id"]
                let counts = try Row.fetchAll(db, sql: """
                    SELECT category.idx AS idx, category.name AS name, item.split AS split, count(item.id) AS n
                    FROM category LEFT JOIN item
                      ON item.dataset_id = category.dataset_id AND item.category_idx = category.idx
                    WHERE category.dataset_id = ?
                    GROUP BY category.idx, item.split ORDER BY category.idx
                    """, arguments: [id])
                var categories: [CategoryItemCount] = []
                var totals: [String: Int] = [:]
                var current: (index: Int, name: String, items: [String: Int])?
                for row in counts {
                    let index: Int = row["idx"]
                    if current?.index != index {
                        if let done = current { categories.append(CategoryItemCount(index: done.index, name: done.name, items: done.items)) }
                        current = (index, row["name"], [:])
                    }
                    if let split: String = row["split"] {
                        let n: Int = row["n"]
                        current?.items[split] = n
                        totals[split, default: 0] += n
                    }
                }
                if let done = current { categories.append(CategoryItemCount(index: done.index, name: done.name, items: done.items)) }
                return DatasetSummary(name: dataset["name"], title: dataset["title"], settings: DatasetSettings(row: dataset),
                                      items: totals, categories: categories)
            }
        }
    }
}
