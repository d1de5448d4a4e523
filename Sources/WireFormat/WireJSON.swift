// WireJSON: the one JSON configuration for what RefHuman sends and reads (API bodies,
// `--json` output, bundle manifests): snake_case keys made from Swift's camelCase names
// (`itemID` is `item_id`), sorted keys, slashes left unescaped.
import Foundation

public enum WireJSON {
    public static func encoder(pretty: Bool = false) -> JSONEncoder {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = pretty ? [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes] : [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }

    /// Reads snake_case keys into camelCase names. The conversion gives `itemId` for
    /// `item_id`, so a decoded type spells such names that way.
    public static func decoder() -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return decoder
    }

    /// The wire name of a decoded key (`itemId` is `item_id`), for error messages.
    public static func wireName(_ key: any CodingKey) -> String {
        key.stringValue.reduce(into: "") { name, character in
            name += character.isUppercase ? "_" + character.lowercased() : String(character)
        }
    }
}
