// JudgementRecord: one stored judgement, superseded ones included, as exports and reports read it.
import StudyPhase

public struct JudgementRecord: Sendable, Equatable {
    /// Row id: submission order.
    public let id: Int64
    public let uuid: String
    public let itemID: Int64
    public let annotatorID: Int64
    public let guesses: [Int]
    public let abstained: Bool
    public let responseMilliseconds: Int?
    public let shownAt: String?
    public let submittedAt: String
    /// "practice" or "test".
    public let phase: Phase
    public let superseded: Bool
    /// nil when the client sent none (a script, or a judgement older than telemetry).
    public let telemetry: TrialTelemetry?
    /// What the picker showed on request during the trial; nil when the page sent nothing.
    public let browsing: TrialBrowsing?
}
