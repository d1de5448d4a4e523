// LoopbackClient: a minimal blocking HTTP/1.1 keep-alive client for load generation on
// loopback: one socket, one request at a time, bodies framed by Content-Length. It works
// on bytes, not Strings, so that the load generator costs little of the CPU it shares
// with the servers it measures.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public final class LoopbackClient {
    public struct Failure: Error, CustomStringConvertible {
        public let description: String
        public init(description: String) { self.description = description }
    }

    private let socketFD: Int32
    /// Received bytes; `start` is where the unread ones begin.
    private var buffer: [UInt8] = []
    private var start = 0
    private var outgoing: [UInt8] = []
    private var chunk = [UInt8](repeating: 0, count: 65_536)

    public init(port: Int) throws {
        socketFD = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard socketFD >= 0 else { throw Failure(description: "socket: \(errno)") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(socketFD, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw Failure(description: "connect: \(errno)") }
        var noDelay: Int32 = 1
        setsockopt(socketFD, Int32(IPPROTO_TCP), TCP_NODELAY, &noDelay, socklen_t(MemoryLayout<Int32>.size))
    }

    deinit { close(socketFD) }

    /// `token` nil sends no Authorization header (for the reference servers).
    public func request(_ method: String, _ path: String, token: String?, body: Data? = nil) throws -> (status: Int, body: Data) {
        // Drop what earlier responses consumed, so indices stay valid while this one is read.
        buffer.removeFirst(start)
        start = 0
        outgoing.removeAll(keepingCapacity: true)
        outgoing.append(contentsOf: method.utf8)
        outgoing.append(0x20)
        outgoing.append(contentsOf: path.utf8)
        outgoing.append(contentsOf: " HTTP/1.1\r\nHost: 127.0.0.1\r\n".utf8)
        if let token {
            outgoing.append(contentsOf: "Authorization: Bearer ".utf8)
            outgoing.append(contentsOf: token.utf8)
            outgoing.append(contentsOf: "\r\n".utf8)
        }
        if let body {
            outgoing.append(contentsOf: "Content-Type: application/json\r\nContent-Length: ".utf8)
            outgoing.append(contentsOf: String(body.count).utf8)
            outgoing.append(contentsOf: "\r\n".utf8)
        } else if method != "GET" {
            outgoing.append(contentsOf: "Content-Length: 0\r\n".utf8)  // a POST that leases sends no body
        }
        outgoing.append(contentsOf: "\r\n".utf8)
        if let body { outgoing.append(contentsOf: body) }
        try outgoing.withUnsafeBytes { raw in
            var sent = 0
            while sent < raw.count {
                let n = send(socketFD, raw.baseAddress! + sent, raw.count - sent, 0)
                guard n > 0 else { throw Failure(description: "send: \(errno)") }
                sent += n
            }
        }
        let headerEnd = try readUntilHeaderEnd()
        let (status, length) = try Self.parseHead(buffer[start..<headerEnd])
        start = headerEnd + 4
        while buffer.count - start < length { try fill() }
        let payload = Data(buffer[start..<start + length])
        start += length
        return (status, payload)
    }

    /// The status code and Content-Length (0 when absent) of a response head.
    static func parseHead(_ head: ArraySlice<UInt8>) throws -> (status: Int, length: Int) {
        // "HTTP/1.1 200 OK": the code is the three digits after the first space.
        guard let space = head.firstIndex(of: 0x20), space + 3 < head.endIndex,
              let status = Self.decimal(head[(space + 1)..<(space + 4)]) else {
            throw Failure(description: "bad status line: \(String(decoding: head.prefix(40), as: UTF8.self))")
        }
        let name = Array("content-length:".utf8)
        var lineStart = head.startIndex
        while let newline = head[lineStart...].firstIndex(of: 0x0A) {
            lineStart = newline + 1
            guard head.endIndex - lineStart > name.count else { break }
            let matches = zip(head[lineStart..<lineStart + name.count], name).allSatisfy { byte, expected in byte | 0x20 == expected }
            guard matches else { continue }
            let value = head[(lineStart + name.count)...].prefix { $0 != 0x0D && $0 != 0x0A }.drop { $0 == 0x20 }
            guard let length = Self.decimal(value) else { throw Failure(description: "bad Content-Length") }
            return (status, length)
        }
        return (status, 0)
    }

    private static func decimal(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty else { return nil }
        var value = 0
        for byte in digits {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + Int(byte - 0x30)
        }
        return value
    }

    /// The index of the "\r\n\r\n" that ends the next response head.
    private func readUntilHeaderEnd() throws -> Int {
        var searchFrom = start
        while true {
            var index = searchFrom
            while index + 3 < buffer.count {
                if buffer[index] == 13 && buffer[index + 1] == 10 && buffer[index + 2] == 13 && buffer[index + 3] == 10 { return index }
                index += 1
            }
            searchFrom = max(start, buffer.count - 3)
            try fill()
        }
    }

    private func fill() throws {
        let n = chunk.withUnsafeMutableBytes { recv(socketFD, $0.baseAddress, $0.count, 0) }
        guard n > 0 else { throw Failure(description: "connection closed (\(errno))") }
        buffer.append(contentsOf: chunk[..<n])
    }
}
