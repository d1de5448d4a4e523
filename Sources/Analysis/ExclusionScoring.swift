// ExclusionScoring: applies a study's exclusion rules to each annotator's catch, practice and
// test trials.
import StudyPhase

enum ExclusionScoring {
    /// The annotators `rules` leave out, in id order. A rule whose figure an annotator does not
    /// have (no catch trials, no practice, no timed test answer) does not exclude them.
    /// `truthOf` gives each item's true category (ReportBuilder.truthByItem).
    static func excluded(trials: [Trial], truthOf: [Int64: Int], rules: ExclusionRules, names: [Int64: String]) -> [ExcludedAnnotator] {
        var catchTally: [Int64: (right: Int, total: Int)] = [:]
        var practiceTally: [Int64: (right: Int, total: Int)] = [:]
        var times: [Int64: [Int]] = [:]
        for trial in trials where !trial.superseded {
            guard let truth = truthOf[trial.itemID] else { continue }
            let right = trial.firstGuess == truth ? 1 : 0
            switch trial.phase {
            case .catch: catchTally[trial.annotatorID, default: (0, 0)].right += right; catchTally[trial.annotatorID]!.total += 1
            case .practice: practiceTally[trial.annotatorID, default: (0, 0)].right += right; practiceTally[trial.annotatorID]!.total += 1
            case .test:
                if !trial.isAbstention, let time = trial.responseMilliseconds { times[trial.annotatorID, default: []].append(time) }
            }
        }
        let annotators = Set(trials.map(\.annotatorID)).sorted()
        return annotators.compactMap { annotator in
            let catchAccuracy = catchTally[annotator].map { Double($0.right) / Double($0.total) }
            let practiceAccuracy = practiceTally[annotator].map { Double($0.right) / Double($0.total) }
            let median = times[annotator].flatMap(Median.of)
            var reasons: [ExcludedAnnotator.Reason] = []
            if let bound = rules.catchAccuracyBelow, let catchAccuracy, catchAccuracy < bound { reasons.append(.catchAccuracy) }
            if let bound = rules.practiceAccuracyBelow, let practiceAccuracy, practiceAccuracy < bound { reasons.append(.practiceAccuracy) }
            if let bound = rules.medianResponseMillisecondsBelow, let median, median < Double(bound) { reasons.append(.medianResponseTime) }
            guard !reasons.isEmpty else { return nil }
            return ExcludedAnnotator(annotator: annotator, name: names[annotator], reasons: reasons, catchAccuracy: catchAccuracy,
                                     practiceAccuracy: practiceAccuracy, medianResponseMilliseconds: median)
        }
    }
}
