// TermsOptions: what `studies create` and `studies edit` set besides the protocol: the
// participant's texts, time and pay, quota, practice pass mark, ending codes and cap.
import ArgumentParser
import Foundation
import Storage

struct TermsOptions: ParsableArguments {
    @Option(help: "File with the instructions (plain text; blank lines, '- ' lists, **bold** and *italic*).")
    var instructionsFile: String?
    @Option(help: "File with the consent text (same format); participants agree or decline before practice.")
    var consentFile: String?
    @Option(help: "Version of the consent text, recorded with each agreement.") var consentVersion: String?
    @Option(help: "Estimated minutes the study takes, shown to participants.") var minutes: Int?
    @Option(help: "Pay as shown to participants, e.g. '£1.50'.") var pay: String?
    @Option(help: "Test items per participant.") var quota: Int?
    @Option(help: "Share of practice answers (0 to 1) that must be right to go on to the test.") var practicePass: Double?
    @Option(help: "Code (or http(s) URL) for participants who finish.") var completionCode: String?
    @Option(help: "Code (or URL) for participants screened out by the practice pass mark.") var screenedOutCode: String?
    @Option(help: "Code (or URL) for participants who decline consent.") var noConsentCode: String?
    @Option(help: "Most participants the public link enrols.") var cap: Int?
    @Option(help: "Which test items go out first: fill (complete items first; the default) or spread (least judged first).")
    var order: AssignmentOrder?
    @Option(help: "Share of test trials that are catch trials: attention checks scored per participant, never test data.")
    var catchRate: Double?
    @Option(help: "Where catch trials come from: catch (the dataset's catch split), shown (example and spare practice images) or auto (catch when the dataset has a catch split; the default).")
    var catchSource: CatchSource?
    @Option(help: "Pre-registered exclusion: participants whose catch-trial accuracy is below this share (0 to 1) are left out of the report's primary figures.")
    var excludeCatchBelow: Double?
    @Option(help: "Pre-registered exclusion: practice accuracy below this share (0 to 1).")
    var excludePracticeBelow: Double?
    @Option(help: "Pre-registered exclusion: a median test response time below this many milliseconds.")
    var excludeMedianMsBelow: Int?
    @Option(help: "true: a guess may name an inner node of the category tree (\"dog, breed unknown\"), scored as a coarse answer.")
    var allowCoarse: Bool?

    /// What was given, as a change to apply to a study's terms. The text files are read
    /// here, once, before the database is touched.
    func change() throws -> (inout StudyTerms) -> Void {
        let instructions = try instructionsFile.map(Self.text)
        let consent = try consentFile.map(Self.text)
        return { terms in apply(to: &terms, instructions: instructions, consent: consent) }
    }

    private func apply(to terms: inout StudyTerms, instructions: String?, consent: String?) {
        if let instructions { terms.instructions = instructions }
        if let consent { terms.consentText = consent }
        if let consentVersion { terms.consentVersion = consentVersion }
        if let minutes { terms.estimatedMinutes = minutes }
        if let pay { terms.pay = pay }
        if let quota { terms.quota = quota }
        if let practicePass { terms.practicePass = practicePass }
        if let completionCode { terms.completionCode = completionCode }
        if let screenedOutCode { terms.screenedOutCode = screenedOutCode }
        if let noConsentCode { terms.noConsentCode = noConsentCode }
        if let cap { terms.participantCap = cap }
        if let catchRate { terms.catchRate = catchRate }
        if let order { terms.assignmentOrder = order }
        if let catchSource { terms.catchSource = catchSource }
        if let excludeCatchBelow { terms.excludeCatchBelow = excludeCatchBelow }
        if let excludePracticeBelow { terms.excludePracticeBelow = excludePracticeBelow }
        if let excludeMedianMsBelow { terms.excludeMedianMsBelow = excludeMedianMsBelow }
        if let allowCoarse { terms.allowCoarse = allowCoarse }
    }

    private static func text(_ path: String) throws -> String {
        do {
            return try String(contentsOfFile: path, encoding: .utf8)
        } catch {
            throw CommandFailure("\(path): cannot read as UTF-8 text")
        }
    }
}
