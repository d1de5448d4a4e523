// Participation: where one participant stands in their study, as `/api/me` tells the page:
// the texts to show, the step they are at, their quota, and how to finish once done.
import Foundation

public struct Participation: Encodable, Sendable, Equatable {
    public enum Status: String, Encodable, Sendable {
        case consenting, practice, test, done, declined, returned
        case screenedOut = "screened_out"
    }

    /// How a finished participant is sent back: a code to show, a URL to go to, or a form to post (MTurk).
    public struct Finish: Encodable, Sendable, Equatable {
        public enum Outcome: String, Encodable, Sendable {
            case completed
            case noConsent = "no_consent"
            case screenedOut = "screened_out"
            case returned
        }

        public struct Form: Encodable, Sendable, Equatable {
            public let action: String
            public let fields: [String: String]
        }

        public let outcome: Outcome
        public let code: String?
        public let redirectURL: String?
        public let form: Form?

        enum CodingKeys: String, CodingKey { case outcome, code, redirectURL = "redirect_url", form }

        public func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: CodingKeys.self)
            try container.encode(outcome, forKey: .outcome)
            try container.encode(code, forKey: .code)
            try container.encode(redirectURL, forKey: .redirectURL)
            try container.encode(form, forKey: .form)
        }

        /// Prolific's completion address for a code.
        static func prolificURL(code: String) -> String {
            var allowed = CharacterSet.alphanumerics
            allowed.insert(charactersIn: "-_.~")
            return "https://app.prolific.com/submissions/complete?cc=" + (code.addingPercentEncoding(withAllowedCharacters: allowed) ?? code)
        }

        init(outcome: Outcome, configured: String?, platform: PlatformIdentity.Platform?, assignment: String?, submitTo: String?) {
            self.outcome = outcome
            if let configured, configured.hasPrefix("https://") || configured.hasPrefix("http://") {
                code = nil
                redirectURL = configured
                form = nil
                return
            }
            code = configured
            switch platform {
            case .prolific:
                redirectURL = configured.map(Self.prolificURL(code:))
                form = nil
            case .mturk:
                redirectURL = nil
                // MTurk takes the assignment back by a form POST from the worker's browser.
                form = submitTo.map { base in
                    let action = (base.hasSuffix("/") ? String(base.dropLast()) : base) + "/mturk/externalSubmit"
                    return Form(action: action, fields: ["assignmentId": assignment ?? "", "completion_code": configured ?? ""])
                }
            case nil:
                redirectURL = nil
                form = nil
            }
        }
    }

    public let study: String
    public let title: String
    public let instructions: String
    public let consentText: String
    public let consentVersion: String
    public let estimatedMinutes: Int?
    public let pay: String
    public let platform: PlatformIdentity.Platform?
    public let status: Status
    public let quota: Int?
    public let testDone: Int
    public let finish: Finish?

    enum CodingKeys: String, CodingKey {
        case study, title, instructions, consentText, consentVersion, estimatedMinutes, pay, platform, status, quota, testDone, finish
    }

    // Written out so unknown values go out as null, as the page expects every key.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(study, forKey: .study)
        try container.encode(title, forKey: .title)
        try container.encode(instructions, forKey: .instructions)
        try container.encode(consentText, forKey: .consentText)
        try container.encode(consentVersion, forKey: .consentVersion)
        try container.encode(estimatedMinutes, forKey: .estimatedMinutes)
        try container.encode(pay, forKey: .pay)
        try container.encode(platform, forKey: .platform)
        try container.encode(status, forKey: .status)
        try container.encode(quota, forKey: .quota)
        try container.encode(testDone, forKey: .testDone)
        try container.encode(finish, forKey: .finish)
    }
}
