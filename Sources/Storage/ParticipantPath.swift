// ParticipantPath: where a participant stands, as the writer checks it on every lease and
// judgement: the step that holds them (if any), their quota and their practice pass mark.
// Read by its own narrow query: the whole participant row carries the study's terms
// (instructions, consent text), which every lease and judgement would copy and never read.
import GRDB

struct ParticipantPath {
    let participantID: Int64
    /// Declined, screened out, completed, returned or not yet consented; nil while they may label.
    let heldStep: Participation.Status?
    let quota: Int?
    let practicePass: Double?

    /// The columns `Store.participantPath` selects, read by position: GRDB looks a copied
    /// row's column up by name by lowercasing every column name, on each lookup.
    init(row: Row) {
        participantID = row[0]
        heldStep = Self.heldStep(declined: row[1], screenedOut: row[2], completed: row[3], returned: row[4], awaitingConsent: row[5])
        quota = row[6]
        practicePass = row[7]
    }

    /// The one rule for the step a participant is held at, whatever their counts; the
    /// first that applies wins.
    static func heldStep(declined: Bool, screenedOut: Bool, completed: Bool, returned: Bool,
                         awaitingConsent: Bool) -> Participation.Status? {
        if declined { return .declined }
        if screenedOut { return .screenedOut }
        if completed { return .done }
        if returned { return .returned }
        if awaitingConsent { return .consenting }
        return nil
    }
}
