// JudgementReceipt: what a stored judgement answers. Practice answers carry their
// feedback; test answers carry nothing that reveals the truth.
import StudyPhase

public struct JudgementReceipt: Encodable, Sendable, Equatable {
    public let uuid: String
    public let itemID: Int64
    public let phase: Phase
    public let submittedAt: String
    /// Practice only.
    public let correct: Bool?
    /// Practice only: the true category's index.
    public let trueCategory: Int?

    public init(uuid: String, itemID: Int64, phase: Phase, submittedAt: String, correct: Bool?, trueCategory: Int?) {
        self.uuid = uuid
        self.itemID = itemID
        self.phase = phase
        self.submittedAt = submittedAt
        self.correct = correct
        self.trueCategory = trueCategory
    }
}
