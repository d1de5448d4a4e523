// AccessLog: one line per answered request on standard error: time, client, method, path,
// status, milliseconds, request id. Paths come redacted from the Router (a join link's
// token never reaches the log), and the query string is never logged.
import Foundation
import WireFormat

final class AccessLog: @unchecked Sendable {
    private struct Entry: Encodable {
        let time: String
        let client: String
        let method: String
        let path: String
        let status: Int
        let ms: Double
        let requestId: String
    }

    private let format: LogFormat
    private let lock = NSLock()
    private let timeStyle = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
    private let encoder = WireJSON.encoder()

    init(format: LogFormat) { self.format = format }

    func record(client: String, method: String, path: String, status: Int, began: DispatchTime, requestID: String) {
        let elapsed = Double(DispatchTime.now().uptimeNanoseconds - began.uptimeNanoseconds) / 1_000_000
        let milliseconds = (elapsed * 10).rounded() / 10
        let entry = Entry(time: timeStyle.format(Date()), client: client, method: method, path: path, status: status,
                          ms: milliseconds, requestId: requestID)
        let line: Data
        switch format {
        case .text:
            line = Data("\(entry.time) \(entry.client) \(entry.method) \(entry.path) \(entry.status) \(entry.ms)ms \(entry.requestId)\n".utf8)
        case .json:
            guard var encoded = try? encoder.encode(entry) else { return }
            encoded.append(0x0A)
            line = encoded
        }
        // One write per line, under a lock, so lines from different threads never interleave.
        lock.lock()
        FileHandle.standardError.write(line)
        lock.unlock()
    }
}
