// HTTPServer: a libmicrohttpd daemon whose internal threads (one per core) poll the
// connections with epoll. When a request has been read whole, its connection is
// suspended and a task on the HandlerPool runs the Router; a handler waiting for the
// writer awaits without holding a thread, and the finished task resumes the connection
// with its Response.
// So an idle or waiting connection costs a socket, never a thread.
import CMicroHTTPD
import Foundation

public final class HTTPServer: @unchecked Sendable {
    public let configuration: ServerConfiguration
    let router: Router
    private let accessLog: AccessLog?
    // Set in start() and cleared in stop(), both called from one controlling thread.
    private var daemon: OpaquePointer?
    private var pool: HandlerPool?
    private var backgroundPool: HandlerPool?
    private var deadlines: HeadDeadlines?
    public private(set) var port = 0
    /// Tasks running, and whether stop() has begun; new requests are refused once it has.
    private let activity = NSCondition()
    private var running = 0
    private var stopping = false

    public init(configuration: ServerConfiguration, router: Router) {
        self.configuration = configuration
        self.router = router
        accessLog = configuration.accessLog.map(AccessLog.init(format:))
    }

    public func start() throws {
        precondition(daemon == nil, "server already started")
        guard (0...65535).contains(configuration.port) else { throw HTTPServerError.portOutOfRange(configuration.port) }
        let context = Unmanaged.passUnretained(self).toOpaque()
        let started: OpaquePointer? = configuration.host.withCString { host in
            withOptionalCString(configuration.tls?.key) { key in
                withOptionalCString(configuration.tls?.certificate) { certificate in
                    var settings = cmhd_settings(
                        host: host, port: UInt16(configuration.port), connection_limit: UInt32(configuration.connectionLimit),
                        per_address_limit: UInt32(configuration.perAddressLimit),
                        idle_timeout_seconds: UInt32(configuration.idleTimeoutSeconds), tls_key_pem: key, tls_cert_pem: certificate,
                        polling_threads: UInt32(max(1, configuration.pollingThreads)))
                    return cmhd_start(&settings, accessHandler, context, completionHandler, connectionEvents, context)
                }
            }
        }
        guard let started else { throw HTTPServerError.cannotListen(host: configuration.host, port: configuration.port) }
        pool = HandlerPool(threads: configuration.handlerThreads, name: "refhuman.handler")
        backgroundPool = HandlerPool(threads: configuration.backgroundThreads, name: "refhuman.background")
        deadlines = HeadDeadlines(seconds: configuration.headTimeoutSeconds)
        daemon = started
        port = Int(cmhd_bound_port(started))
    }

    /// Stops accepting, lets requests already in a handler finish, then closes.
    public func stop() {
        guard let daemon else { return }
        activity.lock()
        stopping = true
        while running > 0 { activity.wait() }
        activity.unlock()
        _ = MHD_quiesce_daemon(daemon)
        MHD_stop_daemon(daemon)
        pool?.stop()
        backgroundPool?.stop()
        deadlines?.stop()
        self.daemon = nil
    }

    deinit { stop() }

    /// One call of libmicrohttpd's access handler; see `accessHandler`.
    func handleCall(connection: OpaquePointer, url: String, method: String,
                    upload: UnsafePointer<CChar>?, uploadSize: UnsafeMutablePointer<Int>,
                    stateSlot: UnsafeMutablePointer<UnsafeMutableRawPointer?>) -> Bool {
        guard let slot = stateSlot.pointee else {
            // First call: only the head has arrived.
            deadlines?.forget(connection: UInt(bitPattern: connection))
            let state = RequestState()
            stateSlot.pointee = Unmanaged.passRetained(state).toOpaque()
            // Read once, here: the head is whole, and the request is made from them once the body is too.
            state.headers = Self.headerValues(connection)
            if let refusal = refusal(ofHead: state.headers, method: method) {
                state.answered = true
                return send(refusal, on: connection, state: state, method: method, url: url)
            }
            return true
        }
        let state = Unmanaged<RequestState>.fromOpaque(slot).takeUnretainedValue()
        if let response = state.response { return send(response, on: connection, state: state, method: method, url: url) }
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
        if state.tooLarge { return send(tooLarge(), on: connection, state: state, method: method, url: url) }
        guard let httpMethod = HTTPMethod(rawValue: method) else { return false }  // refused with the head
        activity.lock()
        guard !stopping else {
            activity.unlock()
            let closing = HTTPError(.serviceUnavailable, error: "shutting down", detail: "the server is stopping; try again shortly")
            return send(closing.response, on: connection, state: state, method: method, url: url)
        }
        running += 1
        activity.unlock()
        let request = makeRequest(connection, method: httpMethod, path: url, headers: state.headers, body: state.body)
        state.request = request
        MHD_suspend_connection(connection)
        let suspended = SuspendedConnection(pointer: connection)
        Task(executorPreference: pool) { [router, backgroundPool, self] in
            state.response = await router.handle(request, background: backgroundPool)
            MHD_resume_connection(suspended.pointer)
            handlerFinished()
        }
        return true
    }

    private func handlerFinished() {
        activity.lock()
        running -= 1
        if running == 0 { activity.broadcast() }
        activity.unlock()
    }

    /// What is wrong with a request's head, if anything: an unknown method, a repeated
    /// Content-Length (two lengths make the body's end ambiguous), or a declared body
    /// over the limit.
    private func refusal(ofHead headers: [(name: String, value: String)], method: String) -> Response? {
        guard HTTPMethod(rawValue: method) != nil else {
            return HTTPError(.notImplemented, error: "method not implemented", detail: "'\(method.prefix(20))' is not a method this server knows").response
        }
        let lengths = headers.filter { $0.name == "content-length" }
        if lengths.count > 1 {
            return HTTPError.badRequest("Content-Length sent \(lengths.count) times").response
        }
        if let declared = lengths.first.flatMap({ Int($0.value) }), declared > configuration.maxBodyBytes {
            return tooLarge()
        }
        return nil
    }

    private func makeRequest(_ connection: OpaquePointer, method: HTTPMethod, path: String, headers received: [(name: String, value: String)],
                             body: Data) -> Request {
        var headers: [String: String] = [:]
        for header in received { headers[header.name] = header.value }
        let peerAddress = Self.peerAddress(connection)
        var clientAddress = peerAddress
        var isSecure = configuration.tls != nil
        if configuration.trustProxy && Self.isLoopback(peerAddress) {
            // The proxy appends the address it saw; earlier entries are the client's own claims.
            if let forwarded = headers["x-forwarded-for"]?.split(separator: ",").last {
                clientAddress = forwarded.trimmingCharacters(in: .whitespaces)
            }
            if let scheme = headers["x-forwarded-proto"]?.split(separator: ",").last {
                isSecure = scheme.trimmingCharacters(in: .whitespaces).lowercased() == "https"
            }
        }
        return Request(method: method, path: path, query: Self.values(connection, kind: .GET_ARGUMENT_KIND),
                       lowercasedHeaders: headers, cookies: Self.values(connection, kind: .COOKIE_KIND), body: body,
                       id: Request.newID(), clientAddress: clientAddress, isSecure: isSecure)
    }

    /// The connected peer's address as text, or "unknown".
    private static func peerAddress(_ connection: OpaquePointer) -> String {
        withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { text in
            guard let base = text.baseAddress, cmhd_client_address(connection, base, socklen_t(text.count)) else { return "unknown" }
            return String(cString: base)
        }
    }

    private static func isLoopback(_ address: String) -> Bool { address.hasPrefix("127.") || address == "::1" }

    private func tooLarge() -> Response {
        HTTPError(.contentTooLarge, error: "request body too large", detail: "at most \(configuration.maxBodyBytes) bytes").response
    }

    private func send(_ response: Response, on connection: OpaquePointer, state: RequestState, method: String, url: String) -> Bool {
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
        let requestID = state.request?.id ?? Request.newID()
        let secure = state.request?.isSecure ?? (configuration.tls != nil)
        for header in response.headers { _ = MHD_add_response_header(created, header.name, header.value) }
        SecurityHeaders.forEach(secure: secure, besides: response) { name, value in _ = MHD_add_response_header(created, name, value) }
        _ = MHD_add_response_header(created, "X-Request-ID", requestID)
        let queued = MHD_queue_response(connection, UInt32(response.status.rawValue), created) == MHD_Result.YES
        if let accessLog {
            accessLog.record(client: state.request?.clientAddress ?? Self.peerAddress(connection), method: String(method.prefix(20)), path: router.loggablePath(url),
                             status: response.status.rawValue, began: state.began, requestID: requestID)
        }
        return queued
    }

    /// Every header in the order received, repeats included, its name in lower case.
    private static func headerValues(_ connection: OpaquePointer) -> [(name: String, value: String)] {
        final class Collector { var values: [(name: String, value: String)] = [] }
        let collector = Collector()
        _ = MHD_get_connection_values(connection, .HEADER_KIND, { context, _, key, value in
            guard let context, let key else { return MHD_Result.YES }
            let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            collector.values.append((String(cString: key).lowercased(), value.map { String(cString: $0) } ?? ""))
            return MHD_Result.YES
        }, Unmanaged.passUnretained(collector).toOpaque())
        return collector.values
    }

    /// Query arguments or cookies, a repeated key keeping its last value.
    private static func values(_ connection: OpaquePointer, kind: MHD_ValueKind) -> [String: String] {
        final class Collector { var values: [String: String] = [:] }
        let collector = Collector()
        _ = MHD_get_connection_values(connection, kind, { context, _, key, value in
            guard let context, let key else { return MHD_Result.YES }
            let collector = Unmanaged<Collector>.fromOpaque(context).takeUnretainedValue()
            collector.values[String(cString: key)] = value.map { String(cString: $0) } ?? ""
            return MHD_Result.YES
        }, Unmanaged.passUnretained(collector).toOpaque())
        return collector.values
    }

    fileprivate func connectionOpened(_ connection: OpaquePointer) {
        deadlines?.awaitHead(connection: UInt(bitPattern: connection), socket: cmhd_connection_socket(connection))
    }

    fileprivate func requestCompleted(_ connection: OpaquePointer, normally: Bool) {
        // A kept-alive connection now waits for its next head; a closing one is forgotten when it closes.
        if normally { connectionOpened(connection) }
    }

    fileprivate func connectionClosed(_ connection: OpaquePointer) {
        deadlines?.forget(connection: UInt(bitPattern: connection))
    }
}

/// A suspended connection handed to the task that will resume it; libmicrohttpd allows
/// MHD_resume_connection from any thread.
private struct SuspendedConnection: @unchecked Sendable {
    let pointer: OpaquePointer
}

private func withOptionalCString<Result>(_ text: String?, _ body: (UnsafePointer<CChar>?) -> Result) -> Result {
    guard let text else { return body(nil) }
    return text.withCString { body($0) }
}

/// libmicrohttpd calls this once with the head, once per body chunk, once more with
/// nothing left to read (the request is handed to a task and the connection suspended),
/// and once after the task resumes it; the response goes out on that last call.
private let accessHandler: MHD_AccessHandlerCallback = { context, connection, url, method, _, upload, uploadSize, stateSlot in
    guard let context, let connection, let url, let method, let uploadSize, let stateSlot else { return MHD_Result.NO }
    let server = Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue()
    return server.handleCall(connection: connection, url: String(cString: url), method: String(cString: method),
                             upload: upload, uploadSize: uploadSize, stateSlot: stateSlot) ? MHD_Result.YES : MHD_Result.NO
}

/// Frees the per-request state once libmicrohttpd is done with the request.
private let completionHandler: MHD_RequestCompletedCallback = { context, connection, stateSlot, termination in
    if let context, let connection {
        let server = Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue()
        server.requestCompleted(connection, normally: termination == .REQUEST_TERMINATED_COMPLETED_OK)
    }
    guard let stateSlot, let slot = stateSlot.pointee else { return }
    Unmanaged<RequestState>.fromOpaque(slot).release()
    stateSlot.pointee = nil
}

/// Connections opening and closing, for the head deadlines.
private let connectionEvents: MHD_NotifyConnectionCallback = { context, connection, _, event in
    guard let context, let connection else { return }
    let server = Unmanaged<HTTPServer>.fromOpaque(context).takeUnretainedValue()
    switch event {
    case .CONNECTION_NOTIFY_STARTED: server.connectionOpened(connection)
    case .CONNECTION_NOTIFY_CLOSED: server.connectionClosed(connection)
    default: break
    }
}
