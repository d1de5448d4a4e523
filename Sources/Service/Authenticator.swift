// Authenticator: who is asking. A session cookie (set by /join/{token}) or a Bearer
// token names an enabled account; state-changing requests must come from our origin.
import Foundation
import HTTPServer
import Storage

struct Authenticator: Sendable {
    static let cookieName = "refhuman_session"
    let store: Store

    func annotator(_ request: Request) throws -> Annotator {
        guard let token = request.bearerToken ?? request.cookies[Self.cookieName], !token.isEmpty else {
            throw HTTPError(.unauthorized, error: "not signed in", detail: "open your invite link, or send Authorization: Bearer TOKEN")
        }
        guard let annotator = try store.annotator(token: token) else {
            throw HTTPError(.unauthorized, error: "invalid token", detail: "the token is unknown or its account is disabled")
        }
        try checkOrigin(request)
        return annotator
    }

    func admin(_ request: Request) throws -> Annotator {
        let account = try annotator(request)
        guard account.role == .admin else { throw HTTPError(.forbidden, error: "forbidden", detail: "admin only") }
        return account
    }

    /// Refuses writes that a browser sent from another site. Requests without Origin
    /// (curl, scripts) carry a token explicitly, so they cannot be forged by a page.
    func checkOrigin(_ request: Request) throws {
        guard !["GET", "HEAD", "OPTIONS"].contains(request.method) else { return }
        if request.header("sec-fetch-site") == "cross-site" {
            throw HTTPError(.forbidden, error: "cross-origin request refused")
        }
        if let origin = request.header("origin") {
            guard let host = request.header("host"), origin == "http://\(host)" || origin == "https://\(host)" else {
                throw HTTPError(.forbidden, error: "cross-origin request refused", detail: "origin \(origin)")
            }
        }
    }

    static func sessionCookie(_ token: String) -> String {
        "\(cookieName)=\(token); Path=/; HttpOnly; SameSite=Strict; Max-Age=2592000"
    }
}
