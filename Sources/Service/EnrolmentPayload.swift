// EnrolmentPayload: the body of POST /api/enrol: the link's code and the ids Prolific
// (prolific_pid, study_id, session_id) or MTurk (worker_id, assignment_id, hit_id,
// turk_submit_to) put in the link.
import HTTPServer
import Storage

struct EnrolmentPayload: Decodable {
    let code: String
    let prolificPid: String?
    let studyId: String?
    let sessionId: String?
    let workerId: String?
    let assignmentId: String?
    let hitId: String?
    let turkSubmitTo: String?

    func identity() throws -> PlatformIdentity {
        do {
            switch (prolificPid, workerId) {
            case let (pid?, nil):
                return try PlatformIdentity(platform: .prolific, participant: pid, study: studyId, session: sessionId, submitTo: nil)
            case let (nil, worker?):
                return try PlatformIdentity(platform: .mturk, participant: worker, study: hitId, session: assignmentId, submitTo: turkSubmitTo)
            case (nil, nil):
                // MTurk's preview carries no workerId: show the study, enrol no one.
                if assignmentId == PlatformIdentity.mturkPreviewAssignment {
                    return try PlatformIdentity(platform: .mturk, participant: "preview", study: hitId, session: assignmentId, submitTo: nil)
                }
                throw HTTPError.badRequest("this link needs PROLIFIC_PID (Prolific) or workerId (MTurk); ask the study for your link")
            case (_?, _?):
                throw HTTPError.badRequest("a link carries Prolific's or MTurk's ids, not both")
            }
        } catch let error as StorageError {
            throw HTTPError.badRequest("\(error)")
        }
    }
}
