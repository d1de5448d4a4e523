// HTTPClient: requests through curl, a second HTTP implementation, so the server is
// tested against a client it does not share code with.
import Foundation

public struct HTTPReply: Sendable {
    public let status: Int
    public let headers: [String: String]
    public let body: Data

    public var text: String { String(decoding: body, as: UTF8.self) }
    public var json: Any? { try? JSONSerialization.jsonObject(with: body) }
    public var object: [String: Any] { json as? [String: Any] ?? [:] }
    public var array: [[String: Any]] { json as? [[String: Any]] ?? [] }
}

public struct HTTPClient: Sendable {
    public let baseURL: String
    public var token: String?
    /// The local address to connect from (`curl --interface`), e.g. 127.0.0.2 for a second client.
    public var source: String?
    /// More curl options, e.g. `--cacert FILE` for a test certificate.
    public var curlOptions: [String]

    public init(baseURL: String, token: String? = nil, source: String? = nil, curlOptions: [String] = []) {
        self.baseURL = baseURL
        self.token = token
        self.source = source
        self.curlOptions = curlOptions
    }

    public func request(_ method: String, _ path: String, body: Data? = nil, headers: [String: String] = [:],
                        rawPath: Bool = false) throws -> HTTPReply {
        let directory = TemporaryDirectory()
        let headerFile = directory.path("headers")
        var arguments = ["-s", "-S", "-X", method, "-D", headerFile, "-o", "-", "--max-time", "30"]
        if rawPath { arguments.append("--path-as-is") }
        if let source { arguments += ["--interface", source] }
        arguments += curlOptions
        if let token { arguments += ["-H", "Authorization: Bearer \(token)"] }
        for (name, value) in headers { arguments += ["-H", "\(name): \(value)"] }
        if body != nil { arguments += ["-H", "Content-Type: application/json", "--data-binary", "@-"] }
        arguments.append(baseURL + path)
        let result = try Shell.run("/usr/bin/curl", arguments, input: body)
        guard result.status == 0 else { throw HTTPClientFailure(message: "curl exited \(result.status): \(result.stderr)") }
        let headerText = (try? String(contentsOfFile: headerFile, encoding: .utf8)) ?? ""
        var status = 0
        var headers: [String: String] = [:]
        for line in headerText.split(separator: "\r\n") {
            if line.hasPrefix("HTTP/") {
                status = Int(line.split(separator: " ")[1]) ?? 0
            } else if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return HTTPReply(status: status, headers: headers, body: result.stdoutData)
    }

    public func get(_ path: String) throws -> HTTPReply { try request("GET", path) }

    /// Leases items: `POST /api/next`, as the page does.
    public func lease(count: Int? = nil) throws -> HTTPReply {
        try request("POST", "/api/next" + (count.map { "?count=\($0)" } ?? ""))
    }

    public func post(_ path: String, json: [String: Any], headers: [String: String] = [:]) throws -> HTTPReply {
        try request("POST", path, body: try JSONSerialization.data(withJSONObject: json), headers: headers)
    }
}

public struct HTTPClientFailure: Error, CustomStringConvertible {
    public let message: String
    public var description: String { message }
}
