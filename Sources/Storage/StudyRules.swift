// StudyRules: the protocol a participant of one study follows, as the writer and the
// status route need it: the study's settings and the dataset counts they depend on, in one read.
import Foundation
import GRDB

struct StudyRules {
    let studyID: Int64
    let datasetID: Int64
    let settings: DatasetSettings
    let practiceItems: Int
    let categories: Int
    /// Inner nodes of the dataset's category tree: guesses categories..<categories + nodes
    /// name them when the study allows coarse answers.
    let nodes: Int
    let allowCoarse: Bool
    /// A closed study leases nothing more.
    let closed: Bool
    /// Share of test slots given to catch trials.
    let catchRate: Double
    let order: AssignmentOrder
    /// The splits this study's catch trials are drawn from.
    let catchSplits: [Split]

    /// How many practice judgements come before the test phase.
    var practiceTarget: Int { min(practiceItems, settings.practiceCount ?? practiceItems) }

    /// How many answers a guess may name: the categories, and the tree's nodes when coarse answers are allowed.
    var answers: Int { categories + (allowCoarse ? nodes : 0) }

    init(_ db: Database, studyID: Int64) throws {
        guard let row = try Row.fetchOne(db.cachedStatement(sql: """
            SELECT dataset_id, judgements_per_item, max_guesses, exposure_ms, practice_count, closed_at IS NOT NULL AS closed, catch_rate, assignment_order, catch_source,
                   EXISTS (SELECT 1 FROM item WHERE dataset_id = study.dataset_id AND split = 'catch') AS has_catch_items,
                   (SELECT count(*) FROM item WHERE dataset_id = study.dataset_id AND split = 'practice') AS practice_items,
                   (SELECT count(*) FROM category WHERE dataset_id = study.dataset_id) AS categories,
                   -- Counted only when they can be answers: every judgement reads these rules.
                   CASE WHEN allow_coarse THEN (SELECT count(*) FROM category_node WHERE dataset_id = study.dataset_id) ELSE 0 END AS nodes,
                   allow_coarse
            FROM study WHERE id = ?
            """), arguments: [studyID]) else { throw StorageError.studyGone(id: studyID) }
        // By position, in the SELECT's order: every lease and judgement reads these, and GRDB
        // looks a copied row's column up by name by lowercasing every column name.
        self.studyID = studyID
        datasetID = row[0]
        settings = DatasetSettings(judgementsPerItem: row[1], maxGuesses: row[2], exposureMs: row[3], practiceCount: row[4])
        closed = row[5]
        catchRate = row[6]
        order = AssignmentOrder(rawValue: row[7]) ?? .fill
        catchSplits = (CatchSource(rawValue: row[8]) ?? .auto).splits(datasetHasCatchItems: row[9])
        practiceItems = row[10]
        categories = row[11]
        nodes = row[12]
        allowCoarse = row[13]
    }
}
