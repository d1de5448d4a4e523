// StudyPayload: the body of the admin's study routes: POST /api/admin/studies creates a
// study from it; POST /api/admin/studies/{name} changes the fields it carries. A field
// sent as null empties a setting that may be empty (no exposure limit, no quota, …); a
// field left out stays as it was.
import HTTPServer
import Storage

struct StudyPayload: Decodable {
    /// A field as sent: left out, or a value (nil: sent as null).
    enum Field<Value: Decodable & Sendable>: Sendable {
        case absent
        case sent(Value?)

        /// Applies a sent value (a null too) to `target`.
        func apply(to target: inout Value?) {
            if case let .sent(value) = self { target = value }
        }

        /// Applies a sent value to a setting that cannot be empty; a null is refused.
        func apply(to target: inout Value, name: String) throws {
            guard case let .sent(value) = self else { return }
            guard let value else { throw HTTPError.badRequest("\(name) cannot be empty") }
            target = value
        }

        var value: Value? { if case let .sent(value) = self { value } else { nil } }
    }

    let name: Field<String>
    let dataset: Field<String>
    let title: Field<String>
    let judgementsPerItem: Field<Int>
    let maxGuesses: Field<Int>
    let exposureMs: Field<Int>
    let practiceCount: Field<Int>
    let instructions: Field<String>
    let consentText: Field<String>
    let consentVersion: Field<String>
    let estimatedMinutes: Field<Int>
    let pay: Field<String>
    let quota: Field<Int>
    let practicePass: Field<Double>
    let completionCode: Field<String>
    let screenedOutCode: Field<String>
    let noConsentCode: Field<String>
    let participantCap: Field<Int>
    let catchRate: Field<Double>
    let assignmentOrder: Field<AssignmentOrder>
    let catchSource: Field<CatchSource>
    let excludeCatchBelow: Field<Double>
    let excludePracticeBelow: Field<Double>
    let excludeMedianMsBelow: Field<Int>
    let allowCoarse: Field<Bool>

    enum CodingKeys: String, CodingKey {
        case name, dataset, title, judgementsPerItem, maxGuesses, exposureMs, practiceCount, instructions, consentText
        case consentVersion, estimatedMinutes, pay, quota, practicePass, completionCode, screenedOutCode, noConsentCode
        case participantCap, catchRate, assignmentOrder, catchSource, excludeCatchBelow, excludePracticeBelow, excludeMedianMsBelow
        case allowCoarse
    }

    init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func field<Value: Decodable & Sendable>(_ key: CodingKeys) throws -> Field<Value> {
            guard container.contains(key) else { return .absent }
            return try container.decodeNil(forKey: key) ? .sent(nil) : .sent(container.decode(Value.self, forKey: key))
        }
        name = try field(.name)
        dataset = try field(.dataset)
        title = try field(.title)
        judgementsPerItem = try field(.judgementsPerItem)
        maxGuesses = try field(.maxGuesses)
        exposureMs = try field(.exposureMs)
        practiceCount = try field(.practiceCount)
        instructions = try field(.instructions)
        consentText = try field(.consentText)
        consentVersion = try field(.consentVersion)
        estimatedMinutes = try field(.estimatedMinutes)
        pay = try field(.pay)
        quota = try field(.quota)
        practicePass = try field(.practicePass)
        completionCode = try field(.completionCode)
        screenedOutCode = try field(.screenedOutCode)
        noConsentCode = try field(.noConsentCode)
        participantCap = try field(.participantCap)
        catchRate = try field(.catchRate)
        assignmentOrder = try field(.assignmentOrder)
        catchSource = try field(.catchSource)
        excludeCatchBelow = try field(.excludeCatchBelow)
        excludePracticeBelow = try field(.excludePracticeBelow)
        excludeMedianMsBelow = try field(.excludeMedianMsBelow)
        allowCoarse = try field(.allowCoarse)
    }

    func apply(to settings: inout DatasetSettings) throws {
        try judgementsPerItem.apply(to: &settings.judgementsPerItem, name: "judgements_per_item")
        try maxGuesses.apply(to: &settings.maxGuesses, name: "max_guesses")
        exposureMs.apply(to: &settings.exposureMs)
        practiceCount.apply(to: &settings.practiceCount)
    }

    func apply(to terms: inout StudyTerms) throws {
        try instructions.apply(to: &terms.instructions, name: "instructions")
        try consentText.apply(to: &terms.consentText, name: "consent_text")
        try consentVersion.apply(to: &terms.consentVersion, name: "consent_version")
        estimatedMinutes.apply(to: &terms.estimatedMinutes)
        try pay.apply(to: &terms.pay, name: "pay")
        quota.apply(to: &terms.quota)
        practicePass.apply(to: &terms.practicePass)
        completionCode.apply(to: &terms.completionCode)
        screenedOutCode.apply(to: &terms.screenedOutCode)
        noConsentCode.apply(to: &terms.noConsentCode)
        participantCap.apply(to: &terms.participantCap)
        try catchRate.apply(to: &terms.catchRate, name: "catch_rate")
        try assignmentOrder.apply(to: &terms.assignmentOrder, name: "assignment_order")
        try catchSource.apply(to: &terms.catchSource, name: "catch_source")
        excludeCatchBelow.apply(to: &terms.excludeCatchBelow)
        excludePracticeBelow.apply(to: &terms.excludePracticeBelow)
        excludeMedianMsBelow.apply(to: &terms.excludeMedianMsBelow)
        try allowCoarse.apply(to: &terms.allowCoarse, name: "allow_coarse")
    }
}
