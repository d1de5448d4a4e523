// IntegrityFlag: a warning on an annotator's test answers that the admin page shows
// beside them: answers too fast to have looked, the same answer over and over, or much
// of the answering time spent in another tab. Flags prompt a look; they exclude nobody.
public enum IntegrityFlag: String, Codable, Sendable, CaseIterable {
    case fast
    case repetitive
    case away

    /// Under this, an answer came quicker than a person can look at an image and choose.
    public static let fastMilliseconds = 400
    /// "fast" when more than this share of the answers with a time came quicker.
    public static let fastShare = 0.10
    /// "repetitive" at a run of this many consecutive answers with the same first guess.
    public static let repeatedRun = 10
    /// "away" when the tab was hidden for more than this share of the answering time.
    public static let awayShare = 0.25

    /// One test answer as the flags need it.
    public struct Answer: Sendable {
        public let responseMilliseconds: Int?
        /// nil for an abstention.
        public let firstGuess: Int?
        public let hiddenMilliseconds: Int?

        public init(responseMilliseconds: Int?, firstGuess: Int?, hiddenMilliseconds: Int?) {
            self.responseMilliseconds = responseMilliseconds
            self.firstGuess = firstGuess
            self.hiddenMilliseconds = hiddenMilliseconds
        }
    }

    /// The flags `answers` (one annotator's live test answers, in submission order) raise.
    public static func flags(for answers: [Answer]) -> [IntegrityFlag] {
        var flags: [IntegrityFlag] = []
        let times = answers.compactMap(\.responseMilliseconds)
        let quick = times.filter { $0 < fastMilliseconds }.count
        if !times.isEmpty && Double(quick) > fastShare * Double(times.count) { flags.append(.fast) }
        if longestRun(answers.map(\.firstGuess)) >= repeatedRun { flags.append(.repetitive) }
        let timed = answers.filter { $0.responseMilliseconds != nil }
        let answering = timed.reduce(0) { $0 + ($1.responseMilliseconds ?? 0) }
        let hidden = timed.reduce(0) { $0 + min($1.hiddenMilliseconds ?? 0, $1.responseMilliseconds ?? 0) }
        if answering > 0 && Double(hidden) > awayShare * Double(answering) { flags.append(.away) }
        return flags
    }

    /// The longest run of equal guesses; abstentions break a run.
    static func longestRun(_ guesses: [Int?]) -> Int {
        var longest = 0, current = 0
        var previous: Int?
        for guess in guesses {
            if let guess, guess == previous { current += 1 } else { current = guess == nil ? 0 : 1 }
            previous = guess
            longest = max(longest, current)
        }
        return longest
    }
}
