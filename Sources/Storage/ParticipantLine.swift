// ParticipantLine: one participant of a study as the admin's participants table shows
// them: pseudonym, platform, step, times, progress and practice accuracy.
public struct ParticipantLine: Encodable, Sendable, Equatable {
    public let name: String
    public let platform: PlatformIdentity.Platform?
    public let status: Participation.Status
    public let enrolledAt: String
    public let consentedAt: String?
    /// When they declined, were screened out or completed.
    public let endedAt: String?
    public let practiceDone: Int
    public let practiceCorrect: Int
    public let testDone: Int
    /// Catch trials answered, and how many of them right (the truth among the guesses).
    public let catchDone: Int
    public let catchCorrect: Int
    /// From enrolment to their latest judgement, in minutes; nil before a judgement.
    public let minutesSpent: Double?
    public let disabled: Bool
    /// What their test answers in this study give cause to look at (see IntegrityFlag).
    public let flags: [IntegrityFlag]

    enum CodingKeys: String, CodingKey {
        case name, platform, status, enrolledAt, consentedAt, endedAt, practiceDone, practiceCorrect, testDone, catchDone, catchCorrect
        case minutesSpent, disabled, flags
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(name, forKey: .name)
        try container.encode(platform, forKey: .platform)
        try container.encode(status, forKey: .status)
        try container.encode(enrolledAt, forKey: .enrolledAt)
        try container.encode(consentedAt, forKey: .consentedAt)
        try container.encode(endedAt, forKey: .endedAt)
        try container.encode(practiceDone, forKey: .practiceDone)
        try container.encode(practiceCorrect, forKey: .practiceCorrect)
        try container.encode(testDone, forKey: .testDone)
        try container.encode(catchDone, forKey: .catchDone)
        try container.encode(catchCorrect, forKey: .catchCorrect)
        try container.encode(minutesSpent, forKey: .minutesSpent)
        try container.encode(disabled, forKey: .disabled)
        try container.encode(flags, forKey: .flags)
    }
}
