// StudyPayload: the body of the admin's study routes: POST /api/admin/studies creates a
// study from it; POST /api/admin/studies/{name} changes the fields it carries.
import Storage

struct StudyPayload: Decodable {
    let name: String?
    let dataset: String?
    let title: String?
    let judgementsPerItem: Int?
    let maxGuesses: Int?
    let exposureMs: Int?
    let practiceCount: Int?
    let instructions: String?
    let consentText: String?
    let consentVersion: String?
    let estimatedMinutes: Int?
    let pay: String?
    let quota: Int?
    let practicePass: Double?
    let completionCode: String?
    let screenedOutCode: String?
    let noConsentCode: String?
    let participantCap: Int?
    let catchRate: Double?
    let assignmentOrder: AssignmentOrder?

    func apply(to settings: inout DatasetSettings) {
        if let judgementsPerItem { settings.judgementsPerItem = judgementsPerItem }
        if let maxGuesses { settings.maxGuesses = maxGuesses }
        if let exposureMs { settings.exposureMs = exposureMs }
        if let practiceCount { settings.practiceCount = practiceCount }
    }

    func apply(to terms: inout StudyTerms) {
        if let instructions { terms.instructions = instructions }
        if let consentText { terms.consentText = consentText }
        if let consentVersion { terms.consentVersion = consentVersion }
        if let estimatedMinutes { terms.estimatedMinutes = estimatedMinutes }
        if let pay { terms.pay = pay }
        if let quota { terms.quota = quota }
        if let practicePass { terms.practicePass = practicePass }
        if let completionCode { terms.completionCode = completionCode }
        if let screenedOutCode { terms.screenedOutCode = screenedOutCode }
        if let noConsentCode { terms.noConsentCode = noConsentCode }
        if let participantCap { terms.participantCap = participantCap }
        if let catchRate { terms.catchRate = catchRate }
        if let assignmentOrder { terms.assignmentOrder = assignmentOrder }
    }
}
