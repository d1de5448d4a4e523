// JSONText: JSON columns (synonyms, guesses, model cards) as compact, stable text.
import Foundation

enum JSONText {
    static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    /// Integers as a compact JSON array ("[3,1]", as `encode` writes them), built directly:
    /// guesses and id lists are written on every judgement and lease, where JSONEncoder
    /// cost more than the SQL. An id list bound this way lets one cached statement take a
    /// list of any length (through json_each).
    static func integers(_ values: [some BinaryInteger]) -> String {
        "[" + values.map { String($0) }.joined(separator: ",") + "]"
    }

    static func decode<Value: Decodable>(_ type: Value.Type, from text: String) throws -> Value {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}
