// Request: one HTTP request as handlers see it, fully read (body included).
import Foundation
import WireFormat

public struct Request: Sendable {
    public let method: String
    /// Percent-decoded path, as libmicrohttpd hands it over (no query string).
    public let path: String
    public let query: [String: String]
    /// Header names are lower-cased; a header repeated, in any case, keeps one value (the
    /// server hands over the last one sent).
    public let headers: [String: String]
    public let cookies: [String: String]
    public let body: Data

    public init(method: String, path: String, query: [String: String] = [:], headers: [String: String] = [:],
                cookies: [String: String] = [:], body: Data = Data()) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last })
        self.cookies = cookies
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// The token of an `Authorization: Bearer …` header, if any.
    public var bearerToken: String? {
        guard let value = headers["authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        return parts[1].trimmingCharacters(in: .whitespaces)
    }

    /// Decodes the JSON body, turning any decoding failure into a 400 with its reason.
    public func decodeJSON<Value: Decodable>(_ type: Value.Type) throws -> Value {
        guard !body.isEmpty else { throw HTTPError(.badRequest, error: "malformed JSON", detail: "empty body") }
        do {
            return try WireJSON.decoder().decode(type, from: body)
        } catch let DecodingError.dataCorrupted(context) {
            throw HTTPError(.badRequest, error: "malformed JSON", detail: context.underlyingError.map { "\($0)" } ?? context.debugDescription)
        } catch let DecodingError.keyNotFound(key, _) {
            throw HTTPError(.badRequest, error: "malformed JSON", detail: "missing field '\(WireJSON.wireName(key))'")
        } catch let DecodingError.typeMismatch(_, context) {
            throw HTTPError(.badRequest, error: "malformed JSON", detail: "wrong type at '\(context.codingPath.map(WireJSON.wireName).joined(separator: "."))'")
        } catch let DecodingError.valueNotFound(_, context) {
            throw HTTPError(.badRequest, error: "malformed JSON", detail: "null at '\(context.codingPath.map(WireJSON.wireName).joined(separator: "."))'")
        } catch {
            throw HTTPError(.badRequest, error: "malformed JSON", detail: "\(error)")
        }
    }
}
