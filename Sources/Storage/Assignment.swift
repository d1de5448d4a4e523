// Assignment: one leased item as an annotator receives it: no truth, only what to show.
// The annotator knows the item by its study's handle (item_handle), never by its row id.
import StudyPhase

public struct Assignment: Codable, Sendable, Equatable {
    /// The row id, for the server's own bookkeeping; it never leaves the server.
    public let itemID: Int64
    public let handle: String
    public let phase: Phase
    public let expiresAt: String
}
