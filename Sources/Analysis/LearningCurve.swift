// LearningCurve: error over successive fixed-size blocks of one annotator's judgements.
public enum LearningCurve {
    /// Splits outcomes (true = wrong), in the order given, into blocks of `blockSize`; the last
    /// block keeps whatever remains, so every judgement is counted once and its size is visible.
    public static func blocks(wrong outcomes: [Bool], blockSize: Int) -> [Proportion] {
        precondition(blockSize >= 1, "a block holds at least one judgement")
        return stride(from: 0, to: outcomes.count, by: blockSize).map { start in
            let block = outcomes[start..<min(start + blockSize, outcomes.count)]
            return Proportion(of: block) { $0 }
        }
    }
}
