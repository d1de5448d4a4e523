// Request: one HTTP request as handlers see it, fully read (body included).
import Foundation
import WireFormat

public struct Request: Sendable {
    public let method: HTTPMethod
    /// Percent-decoded path, as libmicrohttpd hands it over (no query string).
    public let path: String
    public let query: [String: String]
    /// Header names are lower-cased; a header repeated, in any case, keeps one value (the
    /// server hands over the last one sent).
    public let headers: [String: String]
    public let cookies: [String: String]
    public let body: Data
    /// Short and random; answered in `X-Request-ID`, printed in the access log and in a
    /// 500's body, so a user's report finds its log line.
    public let id: String
    /// The client's address: the peer's, or the proxy's X-Forwarded-For under `trustProxy`.
    public let clientAddress: String
    /// Came over HTTPS: to this server, or to a trusted proxy that said so.
    public let isSecure: Bool

    public init(method: HTTPMethod, path: String, query: [String: String] = [:], headers: [String: String] = [:],
                cookies: [String: String] = [:], body: Data = Data(), id: String = Request.newID(),
                clientAddress: String = "127.0.0.1", isSecure: Bool = false) {
        self.init(method: method, path: path, query: query,
                  lowercasedHeaders: Dictionary(headers.map { ($0.key.lowercased(), $0.value) }, uniquingKeysWith: { _, last in last }),
                  cookies: cookies, body: body, id: id, clientAddress: clientAddress, isSecure: isSecure)
    }

    /// The server's: its header names are in lower case already (HTTPServer.headerValues).
    init(method: HTTPMethod, path: String, query: [String: String], lowercasedHeaders headers: [String: String],
         cookies: [String: String], body: Data, id: String, clientAddress: String, isSecure: Bool) {
        self.method = method
        self.id = id
        self.clientAddress = clientAddress
        self.isSecure = isSecure
        self.path = path
        self.query = query
        self.headers = headers
        self.cookies = cookies
        self.body = body
    }

    public func header(_ name: String) -> String? { headers[name.lowercased()] }

    /// 8 hex digits from the system's random source.
    public static func newID() -> String {
        let value = UInt32.random(in: .min ... .max)
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 8 - digits.count) + digits
    }

    /// The token of an `Authorization: Bearer …` header, if any.
    public var bearerToken: String? {
        guard let value = headers["authorization"] else { return nil }
        let parts = value.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        // Not trimmingCharacters(in:): Foundation's CharacterSet path was a measurable part of every request.
        var token = parts[1]
        while token.first?.isWhitespace == true { token.removeFirst() }
        while token.last?.isWhitespace == true { token.removeLast() }
        return String(token)
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
