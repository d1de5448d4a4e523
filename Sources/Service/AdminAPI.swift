// AdminAPI: routes for whoever runs the study (the admin link's token).
import HTTPServer
import Storage

struct AdminAPI: Sendable {
    let desk: StudyDesk
    let auth: Authenticator

    func register(into router: inout Router) {
        router.add("GET", "/api/admin/progress") { request, _ in
            _ = try auth.admin(request)
            return try Response.json(try desk.progress())
        }
    }
}
