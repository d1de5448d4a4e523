// Assignment: one leased item as an annotator receives it: no truth, only what to show.
import StudyPhase

public struct Assignment: Codable, Sendable, Equatable {
    public let itemID: Int64
    public let imageSHA256: String
    public let phase: Phase
    public let expiresAt: String

    enum CodingKeys: String, CodingKey {
        case itemID = "item_id"
        case imageSHA256 = "image_sha256"
        case phase
        case expiresAt = "expires_at"
    }
}
