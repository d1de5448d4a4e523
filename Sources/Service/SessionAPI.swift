// SessionAPI: signing in and out. An invite link's page (/join/{token}) takes the token
// out of the address bar and asks before it POSTs it here, so a link opened by another
// site can neither sign someone in unawares nor replace the account they are using.
import Foundation
import HTTPServer
import Storage

struct SessionAPI: Sendable {
    let desk: StudyDesk
    let auth: Authenticator
    let files: StaticFiles

    private struct SignIn: Decodable { let token: String }
    private struct Account: Encodable {
        let name: String
        let role: Annotator.Role
        let redirect: String?
    }

    func register(into router: inout Router) {
        // The same page whatever the token: it is checked only when the page POSTs it.
        router.add(.get, "/join/{\(Router.secretParameter)}") { request, _ in
            var page = try files.response(for: request, path: "/join.html")
            page.headers.removeAll { $0.name == "Cache-Control" }
            page.headers.append(("Cache-Control", "no-store"))
            return page
        }
        router.add(.get, "/api/session") { request, _ in
            let account = try auth.annotator(request)
            return try Response.json(Account(name: account.name, role: account.role, redirect: nil))
        }
        router.add(.post, "/api/session") { request, _ in
            try auth.checkOrigin(request)
            // JSON only: a form on another site can post text/plain or form data without asking.
            guard request.header("content-type")?.lowercased().hasPrefix("application/json") == true else {
                throw HTTPError.badRequest("send the token as JSON (Content-Type: application/json)")
            }
            let token = try request.decodeJSON(SignIn.self).token
            let account = try auth.account(token: token, from: request)
            let session = try await AnnotatorAPI.storeErrorsAsHTTP { try await desk.openSession(for: account, userAgent: request.header("user-agent")) }
            var response = try Response.json(Account(name: account.name, role: account.role,
                                                     redirect: account.role == .admin ? "/admin" : "/"))
            response.headers.append(("Set-Cookie", Authenticator.sessionCookie(session, secure: request.isSecure,
                                                                                maxAge: desk.sessionSeconds)))
            return response
        }
        router.add(.post, "/api/logout") { request, _ in
            try auth.checkOrigin(request)
            if let session = request.cookies[Authenticator.cookieName], !session.isEmpty {
                try await AnnotatorAPI.storeErrorsAsHTTP { try await desk.closeSession(id: session) }
            }
            return Response(status: .noContent, headers: [
                ("Set-Cookie", Authenticator.sessionCookie("", secure: request.isSecure, maxAge: 0)), ("Cache-Control", "no-store"),
            ])
        }
    }
}
