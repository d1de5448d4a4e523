// JudgementReceipt: what a stored judgement answers. Practice answers carry their
// feedback; test answers carry nothing that reveals the truth.
import StudyPhase

public struct JudgementReceipt: Encodable, Sendable, Equatable {
    public let uuid: String
    /// The item's handle in the study.
    public let item: String
    public let phase: Phase
    public let submittedAt: String
    /// Practice only.
    public let correct: Bool?
    /// Practice only: the true category's index.
    public let trueCategory: Int?

    // `item` goes on the wire as item_id (WireJSON makes "itemId" snake_case), as the annotator's page knows it.
    enum CodingKeys: String, CodingKey {
        case uuid, item = "itemId", phase, submittedAt, correct, trueCategory
    }

    public init(uuid: String, item: String, phase: Phase, submittedAt: String, correct: Bool?, trueCategory: Int?) {
        self.uuid = uuid
        self.item = item
        self.phase = phase
        self.submittedAt = submittedAt
        self.correct = correct
        self.trueCategory = trueCategory
    }
}
