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

    init(row: Row) {
        id = row["id"]
        name = row["name"]
        role = Role(rawValue: row["role"]) ?? .annotator
        studyID = row["study_id"]
        study = row["study_name"]
        datasetID = row["dataset_id"]
        dataset = row["dataset_name"]
        createdAt = row["created_at"]
        disabledAt = row["disabled_at"]
    }

    static let selection = """
        SELECT annotator.id, annotator.name, annotator.role, study.id AS study_id, study.name AS study_name,
               study.dataset_id, dataset.name AS dataset_name, annotator.created_at, annotator.disabled_at
        FROM annotator
        LEFT JOIN participant ON participant.id = (SELECT max(id) FROM participant WHERE participant.annotator_id = annotator.id)
        LEFT JOIN study ON study.id = participant.study_id
        LEFT JOIN dataset ON dataset.id = study.dataset_id
        """
}
