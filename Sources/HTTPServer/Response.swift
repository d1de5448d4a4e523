// Response: what a handler answers: a status, headers, and bytes or an open file.
import Foundation
import WireFormat

public struct Response: Sendable {
    public enum Body: Sendable {
        case bytes(Data)
        /// libmicrohttpd sends the file and closes the descriptor when done.
        case file(descriptor: Int32, size: Int)
    }

    public var status: HTTPStatus
    public var headers: [(name: String, value: String)]
    public var body: Body

    public init(status: HTTPStatus = .ok, headers: [(name: String, value: String)] = [], body: Body = .bytes(Data())) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let wanted = name.lowercased()
        return headers.last { $0.name.lowercased() == wanted }?.value
    }

    public static func json(_ value: some Encodable, status: HTTPStatus = .ok) throws -> Response {
        let encoder = WireJSON.encoder()
        return Response(status: status, headers: [("Content-Type", "application/json; charset=utf-8"), ("Cache-Control", "no-store")],
                        body: .bytes(try encoder.encode(value)))
    }

    public static func text(_ text: String, status: HTTPStatus = .ok, contentType: String = "text/plain; charset=utf-8") -> Response {
        Response(status: status, headers: [("Content-Type", contentType)], body: .bytes(Data(text.utf8)))
    }

    public static func redirect(to location: String, headers: [(name: String, value: String)] = []) -> Response {
        Response(status: .seeOther, headers: [("Location", location)] + headers)
    }
}
