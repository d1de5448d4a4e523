// AnnotatorStatus: what `/api/me` tells an annotator: phase, progress, protocol.
public struct AnnotatorStatus: Encodable, Sendable, Equatable {
    /// Where the annotator stands: a judgement's phase, or done with both.
    public enum Stage: String, Encodable, Sendable {
        case practice, test, done
    }

    public let name: String
    public let dataset: String?
    public let phase: Stage
    public let practiceDone: Int
    public let practiceTarget: Int
    public let practiceCorrect: Int
    public let testDone: Int
    /// Test items this annotator could still be given.
    public let testRemaining: Int
    public let settings: DatasetSettings?
    /// A guess may name an inner node of the category tree (GET /api/hierarchy's nodes, as
    /// the number of categories plus the node's position).
    public let allowCoarse: Bool
    /// How long after submitting an answer it can still be undone.
    public let undoWindowSeconds: Int
    /// How long a leased item stays reserved; each /api/next call renews the leases it returns.
    public let leaseSeconds: Int
    /// Their step in the study, its texts, and how to finish; nil for accounts in no study.
    public let participation: Participation?
}
