// AssignmentPayload: an assignment as `/api/next` returns it, with its image URL.
import Storage
import StudyPhase

struct AssignmentPayload: Encodable {
    let itemID: Int64
    let imageURL: String
    let phase: Phase
    let expiresAt: String

    init(_ assignment: Assignment) {
        itemID = assignment.itemID
        imageURL = "/images/\(assignment.imageSHA256)"
        // A catch trial looks like any test trial to the participant.
        phase = assignment.phase == .catch ? .test : assignment.phase
        expiresAt = assignment.expiresAt
    }
}
