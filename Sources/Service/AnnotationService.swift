// AnnotationService: the whole HTTP surface: join links, the annotator and admin APIs,
// images, and the static UI from Public/.
import Foundation
import HTTPServer
import Storage

public struct AnnotationService: Sendable {
    public let desk: StudyDesk
    public let publicDirectory: String

    public init(desk: StudyDesk, publicDirectory: String) {
        self.desk = desk
        self.publicDirectory = publicDirectory
    }

    public func router() -> Router {
        let auth = Authenticator(store: desk.store)
        var router = Router()
        let files = StaticFiles(root: publicDirectory)
        router.add("GET", "/join/{token}") { request, parameters in
            let token = try parameters.require("token")
            guard let account = try desk.store.annotator(token: token) else {
                // A browser gets a page that says what happened; scripts get the JSON error.
                if request.header("accept")?.contains("text/html") == true {
                    var page = try files.response(for: request, path: "/link-unknown.html")
                    page.status = .unauthorized
                    return page
                }
                throw HTTPError(.unauthorized, error: "invalid link", detail: "this invite link is unknown or was disabled")
            }
            return .redirect(to: account.role == .admin ? "/admin" : "/",
                             headers: [("Set-Cookie", Authenticator.sessionCookie(token))])
        }
        AnnotatorAPI(desk: desk, auth: auth).register(into: &router)
        AdminAPI(desk: desk, auth: auth).register(into: &router)
        // The OpenAPI document is a plain file beside the UI, so it is edited as JSON, not built in code.
        router.add("GET", "/api/openapi.json") { request, _ in try files.response(for: request, path: "/openapi.json") }
        router.fallback = { request, _ in
            guard !request.path.hasPrefix("/api/") else { throw HTTPError.notFound(request.path) }
            return try files.response(for: request)
        }
        return router
    }
}
