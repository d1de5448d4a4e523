// IntegrityFlagTests: the admin page's three flags on hand-worked answer lists, at and
// just past each threshold.
import Storage
import Testing

@Suite struct IntegrityFlagTests {
    private func answers(_ times: [Int?], guesses: [Int?]? = nil, hidden: [Int?]? = nil) -> [IntegrityFlag.Answer] {
        times.indices.map { index in
            IntegrityFlag.Answer(responseMilliseconds: times[index], firstGuess: guesses?[index] ?? index % 3,
                                 hiddenMilliseconds: hidden?[index])
        }
    }

    @Test func fastNeedsMoreThanATenthOfTimedAnswersUnder400Milliseconds() {
        // 1 of 10 under 400 ms is exactly a tenth: not flagged; 2 of 10 is.
        #expect(IntegrityFlag.flags(for: answers([399] + Array(repeating: 1500, count: 9))) == [])
        #expect(IntegrityFlag.flags(for: answers([399, 100] + Array(repeating: 1500, count: 8))) == [.fast])
        // 400 ms itself is not fast; answers without a time are not counted either way.
        #expect(IntegrityFlag.flags(for: answers([400, 400, nil, nil] + Array(repeating: 2000, count: 6))) == [])
        #expect(IntegrityFlag.flags(for: answers([300, nil, nil, nil, nil, nil])) == [.fast])
    }

    @Test func repetitiveNeedsTenSameFirstGuessesInARowAndAbstentionsBreakRuns() {
        let nine: [Int?] = Array(repeating: 4, count: 9)
        #expect(IntegrityFlag.flags(for: answers(Array(repeating: 2000, count: 11), guesses: nine + [1, 4])) == [])
        #expect(IntegrityFlag.flags(for: answers(Array(repeating: 2000, count: 10), guesses: nine + [4])) == [.repetitive])
        #expect(IntegrityFlag.flags(for: answers(Array(repeating: 2000, count: 11), guesses: nine + [nil, 4])) == [])
    }

    @Test func awayNeedsMoreThanAQuarterOfAnsweringTimeHidden() {
        // 4 answers of 2,000 ms = 8,000 ms; 2,000 ms hidden is exactly a quarter, 2,001 ms more.
        #expect(IntegrityFlag.flags(for: answers([2000, 2000, 2000, 2000], hidden: [2000, 0, nil, 0])) == [])
        #expect(IntegrityFlag.flags(for: answers([2000, 2000, 2000, 2000], hidden: [2000, 1, nil, 0])) == [.away])
        // Time hidden beyond an answer's own time counts only up to it.
        #expect(IntegrityFlag.flags(for: answers([2000, 2000, 2000, 2000], hidden: [9000, 0, 0, 0])) == [])
    }
}
