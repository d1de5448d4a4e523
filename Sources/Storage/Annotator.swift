// Annotator: a person who labels, or the admin, as an account row.
import Foundation
import GRDB

public struct Annotator: Codable, Sendable, Equatable {
    public enum Role: String, Codable, Sendable { case annotator, admin }

    public let id: Int64
    public let name: String
    public let role: Role
    public let datasetID: Int64?
    public let datasetName: String?
    public let createdAt: String
    public let disabledAt: String?

    enum CodingKeys: String, CodingKey {
        case id, name, role
        case datasetID = "dataset_id"
        case datasetName = "dataset"
        case createdAt = "created_at"
        case disabledAt = "disabled_at"
    }

    init(row: Row) {
        id = row["id"]
        name = row["name"]
        role = Role(rawValue: row["role"]) ?? .annotator
        datasetID = row["dataset_id"]
        datasetName = row["dataset_name"]
        createdAt = row["created_at"]
        disabledAt = row["disabled_at"]
    }

    static let selection = """
        SELECT annotator.id, annotator.name, annotator.role, annotator.dataset_id, dataset.name AS dataset_name,
               annotator.created_at, annotator.disabled_at
        FROM annotator LEFT JOIN dataset ON dataset.id = annotator.dataset_id
        """
}
