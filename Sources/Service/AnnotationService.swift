// AnnotationService: the whole HTTP surface: sign-in, the annotator and admin APIs,
// images, and the static UI from Public/.
import Foundation
import HTTPServer
import Storage

public struct AnnotationService: Sendable {
    public let desk: StudyDesk
    public let publicDirectory: String
    let throttle: SignInThrottle
    /// Named in every report's provenance.
    let software: String

    public init(desk: StudyDesk, publicDirectory: String, software: String, failedSignInLimit: Int = 20) {
        self.desk = desk
        self.publicDirectory = publicDirectory
        self.software = software
        throttle = SignInThrottle(limit: failedSignInLimit, clock: desk.clock)
    }

    public func router() -> Router {
        let auth = Authenticator(desk: desk, throttle: throttle)
        var router = Router()
        let files = StaticFiles(root: publicDirectory)
        SessionAPI(desk: desk, auth: auth, files: files).register(into: &router)
        EnrolmentAPI(desk: desk, auth: auth, files: files).register(into: &router)
        AnnotatorAPI(desk: desk, auth: auth).register(into: &router)
        AdminAPI(desk: desk, auth: auth, software: software).register(into: &router)
        StudyAdminAPI(desk: desk, auth: auth).register(into: &router)
        // The OpenAPI document is a plain file beside the UI, so it is edited as JSON, not built in code.
        router.add(.get, "/api/openapi.json") { request, _ in try files.response(for: request, path: "/openapi.json") }
        router.fallback = { request, _ in
            guard !request.path.hasPrefix("/api/") else { throw HTTPError.notFound(request.path) }
            var response = try files.response(for: request)
            // An MTurk worker's page posts the finished assignment to MTurk: allow that one origin.
            if request.path == "/" || request.path == "/index.html",
               let account = try? auth.annotator(request), let origin = try desk.formTargetOrigin(for: account) {
                response.headers.append(("Content-Security-Policy", SecurityHeaders.policy(formActions: [origin])))
            }
            return response
        }
        return router
    }
}
