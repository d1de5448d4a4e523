// Annotator: a person who labels, or the admin, as an account row.
import Foundation
import GRDB

public struct Annotator: Encodable, Sendable, Equatable {
    public enum Role: String, Encodable, Sendable { case annotator, admin }

    public let id: Int64
    public let name: String
    public let role: Role
    public let datasetID: Int64?
    public let dataset: String?
    public let createdAt: String
    public let disabledAt: String?

    init(row: Row) {
        id = row["id"]
        name = row["name"]
        role = Role(rawValue: row["role"]) ?? .annotator
        datasetID = row["dataset_id"]
        dataset = row["dataset_name"]
        createdAt = row["created_at"]
        disabledAt = row["disabled_at"]
    }

    static let selection = """
        SELECT annotator.id, annotator.name, annotator.role, annotator.dataset_id, dataset.name AS dataset_name,
               annotator.created_at, annotator.disabled_at
        FROM annotator LEFT JOIN dataset ON dataset.id = annotator.dataset_id
        """
}
