// AnnotatorStatus: what `/api/me` tells an annotator: phase, progress, protocol.
public struct AnnotatorStatus: Codable, Sendable, Equatable {
    /// Where the annotator stands: a judgement's phase, or done with both.
    public enum Stage: String, Codable, Sendable {
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
    /// How long after submitting an answer it can still be undone.
    public let undoWindowSeconds: Int
    /// How long a leased item stays reserved; each /api/next call renews the leases it returns.
    public let leaseSeconds: Int

    enum CodingKeys: String, CodingKey {
        case name, dataset, phase, settings
        case practiceDone = "practice_done"
        case practiceTarget = "practice_target"
        case practiceCorrect = "practice_correct"
        case testDone = "test_done"
        case testRemaining = "test_remaining"
        case undoWindowSeconds = "undo_window_seconds"
        case leaseSeconds = "lease_seconds"
    }
}
