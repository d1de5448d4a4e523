// AnnotatorScoring: computes the per-annotator figures and learning curves of a report.
import StudyPhase

enum AnnotatorScoring {
    static func figures(
        from scored: ScoredTrials, names: [Int64: String], learningCurveBlockSize: Int
    ) -> [AnnotatorFigures] {
        // One sequential pass over all trials, sorting each into its annotator's lists: reading a
        // million trials annotator by annotator would jump around memory for every one of them.
        var slot: [Int64: Int] = [:]
        var annotatorIDs: [Int64] = []
        var practiceMisses: [[Bool]] = [], testMisses: [[Bool]] = [], testTimes: [[Int]] = [], abstentions: [Int] = []
        for (rank, position) in scored.order.enumerated() {
            let trial = scored.trials[position]
            let index: Int
            if let known = slot[trial.annotatorID] {
                index = known
            } else {
                index = annotatorIDs.count
                slot[trial.annotatorID] = index
                annotatorIDs.append(trial.annotatorID)
                practiceMisses.append([]); testMisses.append([]); testTimes.append([]); abstentions.append(0)
            }
            switch (trial.phase, trial.isAbstention) {
            case (.practice, false): practiceMisses[index].append(scored.wrong[rank])
            case (.test, false):
                testMisses[index].append(scored.wrong[rank])
                if let time = trial.responseMilliseconds { testTimes[index].append(time) }
            case (.test, true): abstentions[index] += 1
            case (.practice, true), (.catch, _): break  // catch trials never reach a report (ReportInputs)
            }
        }
        return annotatorIDs.indices.sorted { annotatorIDs[$0] < annotatorIDs[$1] }.map { index in
            let annotatorID = annotatorIDs[index]
            let practiceMisses = practiceMisses[index], testMisses = testMisses[index]
            let testProportion = Proportion(of: testMisses) { $0 }
            return AnnotatorFigures(
                annotatorID: annotatorID,
                name: names[annotatorID],
                practiceJudgements: practiceMisses.count,
                practiceError: Proportion(of: practiceMisses) { $0 }.rate,
                testJudgements: testMisses.count,
                testError: testProportion.rate,
                testErrorCI: testProportion.wilsonInterval,
                abstentions: abstentions[index],
                medianResponseMilliseconds: Median.of(testTimes[index]),
                learningCurve: curve(practiceMisses, phase: .practice, blockSize: learningCurveBlockSize)
                    + curve(testMisses, phase: .test, blockSize: learningCurveBlockSize))
        }
    }

    private static func curve(_ misses: [Bool], phase: Phase, blockSize: Int) -> [LearningCurveBlock] {
        LearningCurve.blocks(wrong: misses, blockSize: blockSize).enumerated().map { index, block in
            LearningCurveBlock(phase: phase, block: index, judgements: block.total, error: block.rate!)
        }
    }
}
