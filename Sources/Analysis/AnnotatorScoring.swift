// AnnotatorScoring: computes the per-annotator figures and learning curves of a report.
enum AnnotatorScoring {
    static func figures(
        from scored: ScoredTrials, names: [Int64: String], learningCurveBlockSize: Int
    ) -> [AnnotatorFigures] {
        let trialsByAnnotator = Dictionary(grouping: scored.inOrder, by: \.annotatorID)
        return trialsByAnnotator.keys.sorted().map { annotatorID in
            let trials = trialsByAnnotator[annotatorID]!
            let practiceMisses = misses(in: trials, phase: .practice, scored: scored)
            let testMisses = misses(in: trials, phase: .test, scored: scored)
            let countedTestTrials = trials.filter { $0.phase == .test && !$0.isAbstention }
            return AnnotatorFigures(
                annotatorID: annotatorID,
                name: names[annotatorID],
                practiceJudgements: practiceMisses.count,
                practiceError: Proportion(of: practiceMisses) { $0 }.rate,
                testJudgements: testMisses.count,
                testError: Proportion(of: testMisses) { $0 }.rate,
                abstentions: trials.filter { $0.phase == .test && $0.isAbstention }.count,
                medianResponseMilliseconds: Median.of(countedTestTrials.compactMap(\.responseMilliseconds)),
                learningCurve: curve(practiceMisses, phase: .practice, blockSize: learningCurveBlockSize)
                    + curve(testMisses, phase: .test, blockSize: learningCurveBlockSize))
        }
    }

    /// For each counted judgement of the phase, in submission order: was the first guess wrong?
    private static func misses(in trials: [Trial], phase: Phase, scored: ScoredTrials) -> [Bool] {
        trials.filter { $0.phase == phase && !$0.isAbstention }.map(scored.isWrong)
    }

    private static func curve(_ misses: [Bool], phase: Phase, blockSize: Int) -> [LearningCurveBlock] {
        LearningCurve.blocks(wrong: misses, blockSize: blockSize).enumerated().map { index, block in
            LearningCurveBlock(phase: phase, block: index, judgements: block.total, error: block.rate!)
        }
    }
}
