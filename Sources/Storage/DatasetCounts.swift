// DatasetCounts: what a study's rules need to know of its dataset's contents: how many
// practice items and categories it has, how many inner nodes its category tree has, and
// whether it has a catch split. An import fixes them; nothing in the server changes them.
import GRDB

struct DatasetCounts {
    let practiceItems: Int
    let categories: Int
    let nodes: Int
    let hasCatchItems: Bool

    init(_ db: Database, datasetID: Int64) throws {
        // A SELECT of scalar subqueries without FROM always gives exactly one row.
        let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT (SELECT count(*) FROM item WHERE dataset_id = ?1 AND split = 'practice'),
                   (SELECT count(*) FROM category WHERE dataset_id = ?1),
                   (SELECT count(*) FROM category_node WHERE dataset_id = ?1),
                   EXISTS (SELECT 1 FROM item WHERE dataset_id = ?1 AND split = 'catch')
            """), arguments: [datasetID])!
        practiceItems = row[0]
        categories = row[1]
        nodes = row[2]
        hasCatchItems = row[3]
    }
}
