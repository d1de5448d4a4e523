// Enrolment: what an enrolment link led to: a preview (nothing stored), or a participant
// enrolled or resumed, with the session id their browser's cookie will carry.
public struct Enrolment: Sendable, Equatable {
    public let intro: StudyIntro
    /// nil for a preview.
    public let sessionID: String?
    public let resumed: Bool
}
