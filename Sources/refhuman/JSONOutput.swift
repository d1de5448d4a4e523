// JSONOutput: how every `--json` flag prints: the wire's JSON, pretty.
import Foundation
import WireFormat

enum JSONOutput {
    static func print(_ value: some Encodable) throws {
        Swift.print(String(decoding: try WireJSON.encoder(pretty: true).encode(value), as: UTF8.self))
    }
}
