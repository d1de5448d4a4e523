// Authenticator: who is asking. A session cookie (set by POST /api/session) or a Bearer
// invite token names an enabled account; state-changing requests must come from our
// origin; token guesses are throttled per address.
import Foundation
import HTTPServer
import Storage

struct Authenticator: Sendable {
    static let cookieName = "refhuman_session"
    let desk: StudyDesk
    let throttle: SignInThrottle

    func annotator(_ request: Request) throws -> Annotator {
        try checkOrigin(request)
        if let token = request.bearerToken {
            return try account(token: token, from: request)
        }
        guard let session = request.cookies[Self.cookieName], !session.isEmpty else {
            throw HTTPError(.unauthorized, error: "not signed in", detail: "open your invite link, or send Authorization: Bearer TOKEN")
        }
        guard let annotator = try desk.annotator(sessionID: session) else {
            throw HTTPError(.unauthorized, error: "not signed in", detail: "your session ended; open your invite link again")
        }
        // Said apart from an ended session: reopening the link will not help here.
        guard annotator.disabledAt == nil else {
            throw HTTPError(.unauthorized, error: "invalid token", detail: "this account was disabled")
        }
        return annotator
    }

    func admin(_ request: Request) throws -> Annotator {
        let account = try annotator(request)
        guard account.role == .admin else { throw HTTPError(.forbidden, error: "forbidden", detail: "admin only") }
        return account
    }

    /// The account an invite token names; unknown tokens count against the address.
    func account(token: String, from request: Request) throws -> Annotator {
        try throttle.check(request.clientAddress)
        guard !token.isEmpty, let annotator = try desk.store.annotator(token: token) else {
            throttle.failed(request.clientAddress)
            throw HTTPError(.unauthorized, error: "invalid link", detail: "this invite link or token is unknown or was disabled")
        }
        return annotator
    }

    /// Refuses writes that a browser sent from another site. Requests without Origin
    /// (curl, scripts) carry a token explicitly, so they cannot be forged by a page.
    func checkOrigin(_ request: Request) throws {
        guard !request.method.isSafe else { return }
        if request.header("sec-fetch-site") == "cross-site" {
            throw HTTPError(.forbidden, error: "cross-origin request refused")
        }
        if let origin = request.header("origin") {
            guard let host = request.header("host"), origin == "http://\(host)" || origin == "https://\(host)" else {
                throw HTTPError(.forbidden, error: "cross-origin request refused", detail: "origin \(origin)")
            }
        }
    }

    /// `Secure` whenever the request came over HTTPS, so the cookie never travels in clear.
    static func sessionCookie(_ sessionID: String, secure: Bool, maxAge: Int) -> String {
        "\(cookieName)=\(sessionID); Path=/; HttpOnly; SameSite=Strict; Max-Age=\(maxAge)" + (secure ? "; Secure" : "")
    }
}
