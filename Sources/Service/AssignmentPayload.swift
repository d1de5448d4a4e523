// AssignmentPayload: an assignment as `/api/next` returns it, with its image URL.
import Storage
import StudyPhase

struct AssignmentPayload: Encodable {
    /// The item's handle in the annotator's study: opaque, and the name of its image too.
    let itemID: String
    let imageURL: String
    let phase: Phase
    let expiresAt: String

    init(_ assignment: Assignment) {
        itemID = assignment.handle
        imageURL = "/images/\(assignment.handle)"
        // A catch trial looks like any test trial to the participant.
        phase = assignment.phase == .catch ? .test : assignment.phase
        expiresAt = assignment.expiresAt
    }
}
