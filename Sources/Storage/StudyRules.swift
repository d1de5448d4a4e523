// StudyRules: the protocol a participant of one study follows, as the writer and the
// status route need it: the study's settings and the dataset counts they depend on.
import Foundation
import GRDB

struct StudyRules {
    let studyID: Int64
    let datasetID: Int64
    let settings: DatasetSettings
    let practiceItems: Int
    let categories: Int
    /// Inner nodes of the dataset's category tree: guesses categories..<categories + nodes
    /// name them when the study allows coarse answers (counted whether or not it does).
    let nodes: Int
    let allowCoarse: Bool
    /// A closed study leases nothing more.
    let closed: Bool
    /// The protocol is frozen: a test judgement has been given under it.
    let frozen: Bool
    /// Share of test slots given to catch trials.
    let catchRate: Double
    let order: AssignmentOrder
    /// The splits this study's catch trials are drawn from.
    let catchSplits: [Split]

    /// How many practice judgements come before the test phase.
    var practiceTarget: Int { min(practiceItems, settings.practiceCount ?? practiceItems) }

    /// How many answers a guess may name: the categories, and the tree's nodes when coarse answers are allowed.
    var answers: Int { categories + (allowCoarse ? nodes : 0) }

    /// The study's rules, with its dataset's counts from `countsOf` (by default counted
    /// now; the writer passes the counts it keeps, see AssignmentBoards.rules).
    init(_ db: Database, studyID: Int64,
         countsOf: (Database, Int64) throws -> DatasetCounts = { db, datasetID in try DatasetCounts(db, datasetID: datasetID) }) throws {
        // Every lease and judgement reads these: by position, from the statement's own row (Row+First).
        guard let rules = try Row.first(db.cachedStatement(sql: """
            SELECT dataset_id, judgements_per_item, max_guesses, exposure_ms, practice_count, closed_at IS NOT NULL AS closed,
                   catch_rate, assignment_order, catch_source, allow_coarse, frozen_at IS NOT NULL AS frozen
            FROM study WHERE id = ?
            """), arguments: [studyID], { row in try StudyRules(studyID: studyID, row: row, counts: countsOf(db, row[0])) }) else {
            throw StorageError.studyGone(id: studyID)
        }
        self = rules
    }

    /// A row of the SELECT above, in its order, and the dataset's counts.
    private init(studyID: Int64, row: Row, counts: DatasetCounts) {
        self.studyID = studyID
        datasetID = row[0]
        settings = DatasetSettings(judgementsPerItem: row[1], maxGuesses: row[2], exposureMs: row[3], practiceCount: row[4])
        closed = row[5]
        catchRate = row[6]
        order = AssignmentOrder(rawValue: row[7]) ?? .fill
        catchSplits = (CatchSource(rawValue: row[8]) ?? .auto).splits(datasetHasCatchItems: counts.hasCatchItems)
        allowCoarse = row[9]
        frozen = row[10]
        practiceItems = counts.practiceItems
        categories = counts.categories
        nodes = counts.nodes
    }
}
