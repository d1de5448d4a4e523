// StudyTerms: what a study tells and asks its participants beyond the labelling protocol:
// instructions, consent, time and pay, a quota, a practice pass mark, the codes (or URLs)
// each ending gives, and a cap on participants.
import Foundation
import GRDB

public struct StudyTerms: Codable, Sendable, Equatable {
    /// Plain text with a small Markdown subset, which the page renders escaped.
    public var instructions = ""
    /// Empty: no consent step.
    public var consentText = ""
    public var consentVersion = ""
    public var estimatedMinutes: Int?
    public var pay = ""
    /// Test items per participant; nil: as many as the study has for them.
    public var quota: Int?
    /// Share of practice answers (0…1) that must be right to go on; nil: no screening.
    public var practicePass: Double?
    /// Each a code, or an http(s) URL to send the participant to.
    public var completionCode: String?
    public var screenedOutCode: String?
    public var noConsentCode: String?
    public var participantCap: Int?
    /// Share of test slots given to catch trials (attention checks with a known answer).
    public var catchRate = 0.0
    /// Which test items go out first.
    public var assignmentOrder = AssignmentOrder.fill
    /// Where catch trials come from.
    public var catchSource = CatchSource.auto
    /// Pre-registered exclusions (nil: no such rule): catch-trial or practice accuracy below
    /// a share, or a median test response time below some milliseconds.
    public var excludeCatchBelow: Double?
    public var excludePracticeBelow: Double?
    public var excludeMedianMsBelow: Int?
    /// Guesses may name an inner node of the category tree (a coarse answer).
    public var allowCoarse = false

    public init() {}

    /// The first rule this breaks, or nil.
    public var problem: String? {
        if let estimatedMinutes, estimatedMinutes < 1 { return "estimated minutes must be at least 1" }
        if let quota, quota < 1 { return "quota must be at least 1" }
        if let practicePass, !(0...1).contains(practicePass) { return "practice pass must be a share from 0 to 1" }
        if let participantCap, participantCap < 1 { return "participant cap must be at least 1" }
        if !consentText.isEmpty && consentVersion.isEmpty { return "consent text needs a consent version" }
        if !(catchRate >= 0 && catchRate < 1) { return "catch rate must be a share from 0 up to (not including) 1" }
        for (share, name) in [(excludeCatchBelow, "catch"), (excludePracticeBelow, "practice")] {
            if let share, !(share > 0 && share <= 1) { return "exclude-\(name)-below must be a share above 0 and at most 1" }
        }
        if let excludeMedianMsBelow, excludeMedianMsBelow < 1 { return "exclude-median-ms-below must be at least 1" }
        return nil
    }

    /// From a row with the study table's column names.
    init(row: Row) {
        instructions = row["instructions"]
        consentText = row["consent_text"]
        consentVersion = row["consent_version"]
        estimatedMinutes = row["estimated_minutes"]
        pay = row["pay"]
        quota = row["quota"]
        practicePass = row["practice_pass"]
        completionCode = row["completion_code"]
        screenedOutCode = row["screened_out_code"]
        noConsentCode = row["no_consent_code"]
        participantCap = row["participant_cap"]
        catchRate = row["catch_rate"]
        assignmentOrder = AssignmentOrder(rawValue: row["assignment_order"]) ?? .fill
        catchSource = CatchSource(rawValue: row["catch_source"]) ?? .auto
        excludeCatchBelow = row["exclude_catch_below"]
        excludePracticeBelow = row["exclude_practice_below"]
        excludeMedianMsBelow = row["exclude_median_ms_below"]
        allowCoarse = row["allow_coarse"]
    }

    static let columns = ["instructions", "consent_text", "consent_version", "estimated_minutes", "pay", "quota", "practice_pass",
                          "completion_code", "screened_out_code", "no_consent_code", "participant_cap", "catch_rate",
                          "assignment_order", "catch_source", "exclude_catch_below", "exclude_practice_below", "exclude_median_ms_below",
                          "allow_coarse"]

    var values: [(any DatabaseValueConvertible)?] {
        [instructions, consentText, consentVersion, estimatedMinutes, pay, quota, practicePass, completionCode, screenedOutCode,
         noConsentCode, participantCap, catchRate, assignmentOrder.rawValue, catchSource.rawValue, excludeCatchBelow,
         excludePracticeBelow, excludeMedianMsBelow, allowCoarse]
    }
}
