// StudyAdminAPI: the admin page's study desk: list, create, edit and close studies, see
// their participants, and add, disable or reissue invite links. Everything refused
// answers one line.
import Foundation
import HTTPServer
import Storage

struct StudyAdminAPI: Sendable {
    let desk: StudyDesk
    let auth: Authenticator

    private struct Invite: Encodable {
        let name: String
        let study: String?
        /// The path of the invite link; the page puts its own origin in front.
        let link: String
    }

    func register(into router: inout Router) {
        router.add(.get, "/api/admin/studies") { request, _ in
            _ = try auth.admin(request)
            return try Response.json(try desk.store.studies())
        }
        router.add(.post, "/api/admin/studies") { request, _ in
            _ = try auth.admin(request)
            let payload = try request.decodeJSON(StudyPayload.self)
            guard let name = payload.name.value else { throw HTTPError.badRequest("name the study") }
            var settings = DatasetSettings(), terms = StudyTerms()
            try payload.apply(to: &settings)
            try payload.apply(to: &terms)
            return try Response.json(try Self.refusalsAsHTTP {
                try desk.store.createStudy(name: name, dataset: payload.dataset.value, title: payload.title.value, settings: settings,
                                           terms: terms)
            }, status: .created)
        }
        router.add(.post, "/api/admin/studies/{name}") { request, parameters in
            _ = try auth.admin(request)
            let payload = try request.decodeJSON(StudyPayload.self)
            let name = try parameters.require("name")
            return try Response.json(try Self.refusalsAsHTTP {
                try desk.store.editStudy(name: name, title: payload.title.value, settings: { try payload.apply(to: &$0) },
                                         terms: { try payload.apply(to: &$0) })
            })
        }
        router.add(.post, "/api/admin/studies/{name}/close") { request, parameters in
            _ = try auth.admin(request)
            let name = try parameters.require("name")
            return try Response.json(try Self.refusalsAsHTTP { try desk.store.closeStudy(name: name) })
        }
        router.add(.get, "/api/admin/studies/{name}/participants", lane: .background) { request, parameters in
            _ = try auth.admin(request)
            let name = try parameters.require("name")
            return try Response.json(try Self.refusalsAsHTTP { try desk.store.participants(study: name) })
        }
        router.add(.post, "/api/admin/annotators") { request, _ in
            _ = try auth.admin(request)
            struct NewAnnotator: Decodable { let name: String; let study: String }
            let wanted = try request.decodeJSON(NewAnnotator.self)
            let (annotator, token) = try Self.refusalsAsHTTP { try desk.store.addAnnotator(name: wanted.name, dataset: nil, study: wanted.study) }
            return try Response.json(Invite(name: annotator.name, study: annotator.study, link: "/join/\(token)"), status: .created)
        }
        router.add(.post, "/api/admin/annotators/{name}/reissue") { request, parameters in
            _ = try auth.admin(request)
            let name = try parameters.require("name")
            let (annotator, token) = try Self.refusalsAsHTTP { try desk.store.reissueToken(name: name) }
            return try Response.json(Invite(name: annotator.name, study: annotator.study, link: "/join/\(token)"))
        }
        router.add(.post, "/api/admin/annotators/{name}/disable") { request, parameters in
            _ = try auth.admin(request)
            let name = try parameters.require("name")
            return try Response.json(try Self.refusalsAsHTTP { try desk.store.disableAnnotator(name: name) })
        }
    }

    /// Runs `body`, answering the store's refusals as StorageError+HTTP says.
    static func refusalsAsHTTP<Value>(_ body: () throws -> Value) throws -> Value {
        do {
            return try body()
        } catch let error as StorageError {
            throw error.httpError ?? error
        }
    }
}
