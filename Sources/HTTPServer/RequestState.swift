// RequestState: what libmicrohttpd's repeated handler calls for one request share: the
// body read so far, when the request began, and the answer once a handler has made it.
// The handler's thread writes `response` before resuming the connection; libmicrohttpd's
// thread reads it after the resume, which its own lock orders after the write.
import Foundation

final class RequestState: @unchecked Sendable {
    let began = DispatchTime.now()
    var body = Data()
    var tooLarge = false
    /// Set once a response has been queued early (a bad head, or a declared length over the limit).
    var answered = false
    /// The handler's answer, waiting for libmicrohttpd to call again after the resume.
    var response: Response?
    var request: Request?
    /// The head's headers, read with the head (names in lower case, repeats kept).
    var headers: [(name: String, value: String)] = []
}
