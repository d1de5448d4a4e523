// LearningCurveBlock: one point of an annotator's learning curve, a run of consecutive judgements.
import StudyPhase

public struct LearningCurveBlock: Sendable, Equatable, Encodable {
    /// Blocks never mix phases: practice and test are different item pools and rules.
    public var phase: Phase
    /// 0-based position of the block within its phase.
    public var block: Int
    /// Judgements in the block; the last block of a phase may be short.
    public var judgements: Int
    /// Top-1 error within the block (never null: a block has at least one judgement).
    public var error: Double

}
