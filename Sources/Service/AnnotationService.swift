// AnnotationService: the whole HTTP surface: sign-in, the annotator and admin APIs,
// images, and the static UI from Public/.
import Foundation
import HTTPServer
import Storage

public struct AnnotationService: Sendable {
    public let desk: StudyDesk
    public let publicDirectory: String
    let throttle: SignInThrottle

    public init(desk: StudyDesk, publicDirectory: String, failedSignInLimit: Int = 20) {
        self.desk = desk
        self.publicDirectory = publicDirectory
        throttle = SignInThrottle(limit: failedSignInLimit, clock: desk.clock)
    }

    public func router() -> Router {
        let auth = Authenticator(desk: desk, throttle: throttle)
        var router = Router()
        let files = StaticFiles(root: publicDirectory)
        SessionAPI(desk: desk, auth: auth, files: files).register(into: &router)
        AnnotatorAPI(desk: desk, auth: auth).register(into: &router)
        AdminAPI(desk: desk, auth: auth).register(into: &router)
        // The OpenAPI document is a plain file beside the UI, so it is edited as JSON, not built in code.
        router.add(.get, "/api/openapi.json") { request, _ in try files.response(for: request, path: "/openapi.json") }
        router.fallback = { request, _ in
            guard !request.path.hasPrefix("/api/") else { throw HTTPError.notFound(request.path) }
            return try files.response(for: request)
        }
        return router
    }
}
