// Annotator: a person who labels, or the admin, as an account row, with the study they
// take part in now (their latest participation) and that study's dataset.
import Foundation
import GRDB

public struct Annotator: Encodable, Sendable, Equatable {
    public enum Role: String, Encodable, Sendable { case annotator, admin }

    public let id: Int64
    public let name: String
    public let role: Role
    public let studyID: Int64?
    public let study: String?
    public let datasetID: Int64?
    public let dataset: String?
    public let createdAt: String
    public let disabledAt: String?

    /// A row of `selection`, read by position in its order: every request reads one, and
    /// GRDB looks a copied row's column up by name by lowercasing every column name.
    init(row: Row) {
        id = row[0]
        name = row[1]
        role = Role(rawValue: row[2]) ?? .annotator
        studyID = row[3]
        study = row[4]
        datasetID = row[5]
        dataset = row[6]
        createdAt = row[7]
        disabledAt = row[8]
    }

    static let selection = "SELECT \(columns) \(tables)"
    /// `selection`'s columns, in `init(row:)`'s order; a query may add its own after them.
    static let columns = """
        annotator.id, annotator.name, annotator.role, study.id AS study_id, study.name AS study_name,
               study.dataset_id, dataset.name AS dataset_name, annotator.created_at, annotator.disabled_at
        """
    /// `selection`'s tables: the account and the study of its latest enrolment.
    static let tables = """
        FROM annotator
        LEFT JOIN participant ON participant.id = (SELECT max(id) FROM participant WHERE participant.annotator_id = annotator.id)
        LEFT JOIN study ON study.id = participant.study_id
        LEFT JOIN dataset ON dataset.id = study.dataset_id
        """
}
