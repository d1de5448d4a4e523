// JudgementSubmission: one answer as the desk records it.
public struct JudgementSubmission: Sendable, Equatable {
    /// Chosen by the client, so a retried submit is recognised as the same judgement.
    public let uuid: String
    /// The item's handle in the annotator's study, as their assignment gave it.
    public let item: String
    /// Category indices, best guess first.
    public let guesses: [Int]
    public let abstained: Bool
    public let responseMs: Int?
    public let shownAt: String?
    public let telemetry: TrialTelemetry?
    public let browsing: TrialBrowsing?

    public init(uuid: String, item: String, guesses: [Int], abstained: Bool = false, responseMs: Int? = nil, shownAt: String? = nil,
                telemetry: TrialTelemetry? = nil, browsing: TrialBrowsing? = nil) {
        self.uuid = uuid
        self.item = item
        self.guesses = guesses
        self.abstained = abstained
        self.responseMs = responseMs
        self.shownAt = shownAt
        self.telemetry = telemetry
        self.browsing = browsing
    }
}
