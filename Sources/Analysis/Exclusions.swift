// Exclusions: the study's rules, who they leave out, and the headline figures with and
// without them. The report's other sections are computed after exclusions.
public struct Exclusions: Sendable, Equatable, Encodable {
    public var rules: ExclusionRules
    public var excluded: [ExcludedAnnotator]
    public var afterExclusions: HeadlineFigures
    public var allParticipants: HeadlineFigures

    enum CodingKeys: String, CodingKey {
        case rules, excluded
        case afterExclusions = "after_exclusions"
        case allParticipants = "all_participants"
    }
}
