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

    /// Whether `uuid` has a UUID's textual form (8-4-4-4-12 hexadecimal digits, either
    /// case), checked byte by byte: Foundation's parser goes through sscanf, and this runs
    /// on the single writer thread for every judgement.
    public var hasWellFormedUUID: Bool {
        var count = 0
        for byte in uuid.utf8 {
            if count == 8 || count == 13 || count == 18 || count == 23 {
                guard byte == UInt8(ascii: "-") else { return false }
            } else {
                guard (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
                        || (UInt8(ascii: "a")...UInt8(ascii: "f")).contains(byte | 0x20) else { return false }
            }
            count += 1
        }
        return count == 36
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
