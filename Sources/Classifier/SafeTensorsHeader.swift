// SafeTensorsHeader: the decoded JSON header of a safetensors file — one entry
// per tensor plus the optional "__metadata__" string map.

struct SafeTensorsHeader: Decodable {
    struct TensorInfo: Decodable {
        var dtype: String
        var shape: [Int]
        var dataOffsets: [Int]

        enum CodingKeys: String, CodingKey {
            case dtype, shape
            case dataOffsets = "data_offsets"
        }
    }

    /// Any string key: tensor names are arbitrary.
    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    static let metadataKey = "__metadata__"

    var tensors: [String: TensorInfo] = [:]
    var metadata: [String: String] = [:]

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        for key in container.allKeys {
            if key.stringValue == Self.metadataKey {
                metadata = try container.decode([String: String].self, forKey: key)
            } else {
                tensors[key.stringValue] = try container.decode(TensorInfo.self, forKey: key)
            }
        }
    }
}
