// StudyRules: the protocol an annotator of one dataset follows, as the writer and the
// status route need it: the dataset's settings and the counts they depend on, in one read.
import Foundation
import GRDB

struct StudyRules {
    let datasetID: Int64
    let settings: DatasetSettings
    let practiceItems: Int
    let categories: Int

    /// How many practice judgements come before the test phase.
    var practiceTarget: Int { min(practiceItems, settings.practiceCount ?? practiceItems) }

    init(_ db: Database, datasetID: Int64) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT judgements_per_item, max_guesses, exposure_ms, practice_count,
                   (SELECT count(*) FROM item WHERE dataset_id = dataset.id AND split = 'practice') AS practice_items,
                   (SELECT count(*) FROM category WHERE dataset_id = dataset.id) AS categories
            FROM dataset WHERE id = ?
            """), arguments: [datasetID]) else { throw StorageError.datasetGone(id: datasetID) }
        self.datasetID = datasetID
        settings = DatasetSettings(row: row)
        practiceItems = row["practice_items"]
        categories = row["categories"]
    }
}
