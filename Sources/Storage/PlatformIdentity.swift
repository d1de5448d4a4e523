// PlatformIdentity: who a crowd platform says arrives at an enrolment link: Prolific's
// PROLIFIC_PID, STUDY_ID and SESSION_ID, or MTurk's workerId, hitId, assignmentId and
// turkSubmitTo. MTurk's preview (assignmentId ASSIGNMENT_ID_NOT_AVAILABLE) enrols no one.
public struct PlatformIdentity: Sendable, Equatable {
    public enum Platform: String, Codable, Sendable { case prolific, mturk }

    public static let mturkPreviewAssignment = "ASSIGNMENT_ID_NOT_AVAILABLE"
    static let idLimit = 200

    public let platform: Platform
    /// PROLIFIC_PID or workerId: the same one resumes, never enrols twice.
    public let participant: String
    /// STUDY_ID or hitId.
    public let study: String?
    /// SESSION_ID or assignmentId.
    public let session: String?
    /// MTurk's turkSubmitTo: where the finished assignment's form goes.
    public let submitTo: String?

    public init(platform: Platform, participant: String, study: String?, session: String?, submitTo: String?) throws {
        let given = [participant, study, session, submitTo].compactMap { $0 }
        guard !participant.isEmpty, given.allSatisfy({ $0.count <= Self.idLimit && !$0.contains(where: \.isNewline) }) else {
            throw StorageError.invalidPlatformIDs(reason: "platform ids must be 1 to \(Self.idLimit) characters on one line")
        }
        if let submitTo, !(submitTo.hasPrefix("https://") || submitTo.hasPrefix("http://")) {
            throw StorageError.invalidPlatformIDs(reason: "turkSubmitTo must be an http(s) address")
        }
        self.platform = platform
        self.participant = participant
        self.study = study
        self.session = session
        self.submitTo = submitTo
    }

    public var isPreview: Bool { platform == .mturk && session == Self.mturkPreviewAssignment }
}
