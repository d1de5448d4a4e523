// StudyIntro: what an enrolment link's page shows before anything else (and all that an
// MTurk preview shows): the study's title, instructions, time, pay and quota.
public struct StudyIntro: Encodable, Sendable, Equatable {
    public let title: String
    public let instructions: String
    public let estimatedMinutes: Int?
    public let pay: String
    public let quota: Int?
    public let platform: PlatformIdentity.Platform

    enum CodingKeys: String, CodingKey { case title, instructions, estimatedMinutes, pay, quota, platform }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(title, forKey: .title)
        try container.encode(instructions, forKey: .instructions)
        try container.encode(estimatedMinutes, forKey: .estimatedMinutes)
        try container.encode(pay, forKey: .pay)
        try container.encode(quota, forKey: .quota)
        try container.encode(platform, forKey: .platform)
    }
}
