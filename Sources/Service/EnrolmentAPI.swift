// EnrolmentAPI: a crowd study's public link. /s/{code} serves a page that takes the
// platform's ids out of the address bar and POSTs them to /api/enrol, which enrols the
// participant (or finds them again by their platform id) and signs the browser in;
// /api/consent records their answer to the consent text; /api/return ends their part early.
import Foundation
import HTTPServer
import Storage

struct EnrolmentAPI: Sendable {
    let desk: StudyDesk
    let auth: Authenticator
    let files: StaticFiles

    private struct Consent: Decodable {
        let agree: Bool
        let consentVersion: String
    }

    private struct Enrolled: Encodable {
        let preview: Bool
        let resumed: Bool
        let study: StudyIntro
    }

    /// Where MTurk frames an ExternalQuestion: the marketplace and its sandbox.
    static let mturkOrigins = ["https://www.mturk.com", "https://workersandbox.mturk.com"]

    func register(into router: inout Router) {
        // The code is the study's secret: the access log shows `{token}` in its place.
        router.add(.get, "/s/{\(Router.secretParameter)}") { request, _ in
            var page = try files.response(for: request, path: "/enrol.html")
            page.headers.removeAll { $0.name == "Cache-Control" }
            page.headers.append(("Cache-Control", "no-store"))
            // MTurk shows an ExternalQuestion in a frame on its own site. A framed page cannot
            // keep our SameSite=Strict session, so the page there only introduces the study
            // and opens the task in a window of its own.
            page.headers.append(("Content-Security-Policy", SecurityHeaders.policy(formActions: [], frameAncestors: Self.mturkOrigins)))
            return page
        }
        router.add(.post, "/api/enrol") { request, _ in
            try auth.checkOrigin(request)
            guard request.header("content-type")?.lowercased().hasPrefix("application/json") == true else {
                throw HTTPError.badRequest("send the enrolment as JSON (Content-Type: application/json)")
            }
            let payload = try request.decodeJSON(EnrolmentPayload.self)
            let identity = try payload.identity()
            try auth.throttle.check(request.clientAddress)
            let enrolment: Enrolment
            do {
                enrolment = try await desk.enrol(code: payload.code, identity: identity, userAgent: request.header("user-agent"))
            } catch StorageError.unknownEnrolmentLink {
                auth.throttle.failed(request.clientAddress)
                throw HTTPError(.notFound, error: "unknown study link", detail: "check the link the study gave you")
            } catch let error as StorageError {
                throw error.httpError ?? error
            }
            var response = try Response.json(Enrolled(preview: enrolment.sessionID == nil, resumed: enrolment.resumed,
                                                      study: enrolment.intro))
            if let session = enrolment.sessionID {
                response.headers.append(("Set-Cookie", Authenticator.sessionCookie(session, secure: request.isSecure,
                                                                                    maxAge: desk.sessionSeconds)))
            }
            return response
        }
        router.add(.post, "/api/consent") { request, _ in
            let annotator = try auth.annotator(request)
            let consent = try request.decodeJSON(Consent.self)
            try await AnnotatorAPI.storeErrorsAsHTTP {
                try await desk.consent(by: annotator, agree: consent.agree, version: consent.consentVersion)
            }
            return try Response.json(try desk.status(of: annotator).participation)
        }
        router.add(.post, "/api/return") { request, _ in
            let annotator = try auth.annotator(request)
            try await AnnotatorAPI.storeErrorsAsHTTP { try await desk.returnStudy(by: annotator) }
            return try Response.json(try desk.status(of: annotator).participation)
        }
    }
}
