// RequestState: what libmicrohttpd's repeated handler calls for one request share:
// the body read so far, and whether it already outgrew the limit.
import Foundation

final class RequestState {
    var body = Data()
    var tooLarge = false
    /// Set once a response has been queued early (a declared length over the limit).
    var answered = false
}
