// HTTPServer: a libmicrohttpd daemon that reads each request whole, hands it to a Router,
// and sends the Response back. Each connection has its own thread: handlers block until
// their judgement is on disk, and in libmicrohttpd's thread pool a blocked handler also
// stalls every other connection its thread was given. The pool spreads connections over
// its threads unevenly, so group commit's throughput depended on that spread from run to run.
import CMicroHTTPD
import Foundation

public final class HTTPServer: @unchecked Sendable {
    public let configuration: ServerConfiguration
    let router: Router
    // Set in start() and cleared in stop(), both called from one controlling thread.
    private var daemon: OpaquePointer?
    public private(set) var port = 0

    public init(configuration: ServerConfiguration, router: Router) {
        self.configuration = configuration
        self.router = router
    }

    public func start() throws {
        precondition(daemon == nil, "server already started")
        guard (0...65535).contains(configuration.port) else {
            throw HTTPServerError.cannotStart("port \(configuration.port) is out of range")
        }
        let context = Unmanaged.passUnretained(self).toOpaque()
        daemon = cmhd_start(configuration.host, UInt16(configuration.port),
                            UInt32(configuration.connectionLimit), UInt32(configuration.timeoutSeconds),
                            accessHandler, completionHandler, context)
        guard let daemon else {
            throw HTTPServerError.cannotStart("cannot listen on \(configuration.host):\(configuration.port) (address in use or not an IPv4 address)")
        }
        port = Int(cmhd_bound_port(daemon))
    }

    /// Stops accepting, lets requests already in a handler finish, then closes.
    public func stop() {
        guard let daemon else { return }
        _ = MHD_quiesce_daemon(daemon)
        MHD_stop_daemon(daemon)
        self.daemon = nil
    }

    deinit { stop() }

    /// One call of libmicrohttpd's access handler; see `accessHandler`.
    func handleCall(connection: OpaquePointer, url: String, method: String,
                    upload: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>,
                    stateSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> Bool {
        guard let slot = stateSlot.pointee else {
            // First call: only the headers have arrived.
            let state = RequestState()
            stateSlot.pointee = Unmanaged.passRetained(state).toOpaque()
            if let declared = Self.value(connection, kind: .HEADER_KIND, key: "Content-Length").flatMap(Int.init),
               declared > configuration.maxBodyBytes {
                state.answered = true
                return send(tooLarge(), on: connection)
            }
            return true
        }
        let state = Unmanaged<RequestState>.fromOpaque(slot).takeUnretainedValue()
        if state.answered { uploadSize.pointee = 0; return true }
        if uploadSize.pointee > 0 {
            // Keep reading an oversized body but drop it, so the client still gets its 413.
            if state.tooLarge || state.body.count + uploadSize.pointee > configuration.maxBodyBytes {
                state.tooLarge = true
                state.body = Data()
            } else if let upload {
                upload.withMemoryRebound(to: UInt8.self, capacity: uploadSize.pointee) { bytes in
                    state.body.append(bytes, count: uploadSize.pointee)
                }
            }
            uploadSize.pointee = 0
            return true
        }
        if state.tooLarge { return send(tooLarge(), on: connection) }
        let request = Request(
            method: method, path: url,
            query: Self.values(connection, kind: .GET_ARGUMENT_KIND),
            headers: Self.values(connection, kind: .HEADER_KIND, lowercasingKeys: true),
            cookies: Self.values(connection, kind: .COOKIE_KIND),
            body: state.body)
        return send(router.handle(request), on: connection)
    }

    private func tooLarge() -> Response {
        HTTPError(.contentTooLarge, error: "request body too large", detail: "at most \(configuration.maxBodyBytes) bytes").response
    }

    private func send(_ response: Response, on connection: OpaquePointer) -> Bool {
        let created: OpaquePointer?
        switch response.body {
        case let .bytes(data):
            created = data.withUnsafeBytes { raw in
                MHD_create_response_from_buffer(raw.count, UnsafeMutableRawPointer(mutating: raw.baseAddress), .RESPMEM_MUST_COPY)
            }
        case let .file(descriptor, size):
            created = MHD_create_response_from_fd(size, descriptor)
        }
        guard let created else { return false }
        defer { MHD_destroy_response(created) }
        for header in response.headers {
            _ = MHD_add_response_header(created, header.name, header.value)
        }
        return MHD_queue_response(connection, UInt32(response.status.rawValue), created) == MHD_Result.YES
    }

    private static func value(_ connection: OpaquePointer, kind: MHD_ValueKind, key: String) -> String? {
        MHD_lookup_connection_value(connection, kind, key).map { String(cString: $0) }
    }

    /// Values in the order they arrived, a repeated key keeping its last. Header names are
    /// case-insensitive, so with `lowercasingKeys` `X-Probe` and `x-probe` are one key.
    private static func values(_ connection: OpaquePointer, kind: MHD_ValueKind, lowercasingKeys: Bool = false) -> [String: String] {
        final class Collector {
            var values: [String: String] = [:]
            var lowercasingKeys = false
        }
        let collector = Collector()
        collector.lowercasingKeys = lowercasingKeys
        _ = MHD_get_connection_values(connection, kind, { context, _, key, value in
            guard let context, let key else { return MHD_Result.YES }
            let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            let name = String(cString: key)
            collector.values[collector.lowercasingKeys ? name.lowercased() : name] = value.map { String(cString: $0) } ?? ""
            return MHD_Result.YES
        }, Unmanaged.passUnretained(collector).toOpaque())
        return collector.values
    }
}

/// libmicrohttpd calls this once with the headers, once per body chunk, and once more
/// with nothing left to read; the response goes out on that last call.
private let accessHandler: MHD_AccessHandlerCallback = { context, connection, url, method, _, upload, uploadSize, stateSlot in
    guard let context, let connection, let url, let method, let uploadSize, let stateSlot else { return MHD_Result.NO }
    let server = Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue()
    return server.handleCall(connection: connection, url: String(cString: url), method: String(cString: method),
                             upload: upload, uploadSize: uploadSize, stateSlot: stateSlot) ? MHD_Result.YES : MHD_Result.NO
}

/// Frees the per-request state once libmicrohttpd is done with the request.
private let completionHandler: MHD_RequestCompletedCallback = { _, _, stateSlot, _ in
    guard let stateSlot, let slot = stateSlot.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(slot).release()
    stateSlot.pointee = nil
}
