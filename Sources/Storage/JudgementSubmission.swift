// JudgementSubmission: one answer as the annotator's page sends it.
public struct JudgementSubmission: Codable, Sendable, Equatable {
    /// Chosen by the client, so a retried submit is recognised as the same judgement.
    public let uuid: String
    public let itemID: Int64
    /// Category indices, best guess first.
    public let guesses: [Int]
    public let abstained: Bool
    public let responseMs: Int?
    public let shownAt: String?

    public init(uuid: String, itemID: Int64, guesses: [Int], abstained: Bool = false, responseMs: Int? = nil, shownAt: String? = nil) {
        self.uuid = uuid
        self.itemID = itemID
        self.guesses = guesses
        self.abstained = abstained
        self.responseMs = responseMs
        self.shownAt = shownAt
    }

    enum CodingKeys: String, CodingKey {
        case uuid, guesses, abstained
        case itemID = "item_id"
        case responseMs = "response_ms"
        case shownAt = "shown_at"
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        uuid = try container.decode(String.self, forKey: .uuid)
        itemID = try container.decode(Int64.self, forKey: .itemID)
        guesses = try container.decodeIfPresent([Int].self, forKey: .guesses) ?? []
        abstained = try container.decodeIfPresent(Bool.self, forKey: .abstained) ?? false
        responseMs = try container.decodeIfPresent(Int.self, forKey: .responseMs)
        shownAt = try container.decodeIfPresent(String.self, forKey: .shownAt)
    }
}
