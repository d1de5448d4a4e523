// StudiesCommand: `refhuman studies create|list|show|edit|close|link`: a study is a
// dataset plus a protocol; its protocol can change until its first test judgement, then
// it is frozen. `link` prints the public enrolment link to give Prolific or MTurk.
import ArgumentParser
import Foundation
import Storage

struct StudiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "studies", abstract: "Manage studies: a dataset plus the protocol its participants follow.",
        discussion: """
            Every import makes a first study named after the dataset, with the import's settings.

            Examples:
              refhuman studies create pilot --dataset fashion-mnist --judgements-per-item 5
              refhuman studies edit pilot --max-guesses 5
              refhuman studies list
            """,
        subcommands: [Create.self, List.self, Show.self, Edit.self, Close.self, Link.self])

    struct Create: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Create a study of a dataset.",
        discussion: """
            Examples:
              refhuman studies create pilot --dataset fashion-mnist --practice-count 10
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The study's name (unique).") var name: String
        @Option(help: "The dataset it uses (default: the only one).") var dataset: String?
        @OptionGroup var settings: SettingsOptions
        @OptionGroup var terms: TermsOptions
        @Flag(help: "Print the study as JSON.") var json = false

        func run() throws {
            var chosen = StudyTerms()
            try terms.change()(&chosen)
            let study = try store.open().createStudy(name: name, dataset: dataset, title: settings.title, settings: settings.settings,
                                                     terms: chosen)
            try StudiesCommand.show(study, json: json)
            StatusLine.say("created study \(study.name) of \(study.dataset); add people with `refhuman annotators add NAME --study \(study.name)`")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List studies.",
        discussion: """
            Examples:
              refhuman studies list --json
            """)
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let studies = try store.open().studies()
            if json { return try JSONOutput.print(studies) }
            if studies.isEmpty { StatusLine.say("no studies (importing a dataset makes its first one)") }
            for study in studies { print(StudiesCommand.line(study)) }
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one study's protocol and state.",
        discussion: """
            Examples:
              refhuman studies show pilot
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The study's name.") var name: String
        @Flag(help: "Print JSON.") var json = false

        func run() throws { try StudiesCommand.show(try store.open().study(named: name), json: json) }
    }

    struct Edit: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a study's protocol before its first test judgement.",
        discussion: """
            Once a test judgement is stored the protocol is frozen: a new protocol is a new study.

            Examples:
              refhuman studies edit pilot --judgements-per-item 5 --max-guesses 5
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The study's name.") var name: String
        @Option(help: "Title shown to annotators.") var title: String?
        @Option(help: "Judgements collected per test item, from distinct annotators.") var judgementsPerItem: Int?
        @Option(help: "Ordered guesses an annotator may give.") var maxGuesses: Int?
        @Option(help: "Show each image for this many milliseconds, then mask it.") var exposureMs: Int?
        @Flag(help: "Show each image until the answer (no exposure limit).") var noExposureLimit = false
        @Option(help: "Practice items before the test phase.") var practiceCount: Int?
        @OptionGroup var terms: TermsOptions
        @Flag(help: "Print the study as JSON.") var json = false

        func validate() throws {
            if noExposureLimit && exposureMs != nil { throw ValidationError("give --exposure-ms or --no-exposure-limit, not both") }
        }

        func run() throws {
            let changeTerms = try terms.change()
            let study = try store.open().editStudy(name: name, title: title, settings: { settings in
                if let judgementsPerItem { settings.judgementsPerItem = judgementsPerItem }
                if let maxGuesses { settings.maxGuesses = maxGuesses }
                if let exposureMs { settings.exposureMs = exposureMs }
                if noExposureLimit { settings.exposureMs = nil }
                if let practiceCount { settings.practiceCount = practiceCount }
            }, terms: changeTerms)
            try StudiesCommand.show(study, json: json)
            StatusLine.say("updated study \(study.name)")
        }
    }

    struct Close: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Close a study: nothing more is leased; its judgements stay.",
        discussion: """
            Examples:
              refhuman studies close pilot
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The study's name.") var name: String
        @Flag(help: "Print the study as JSON.") var json = false

        func run() throws {
            let study = try store.open().closeStudy(name: name)
            try StudiesCommand.show(study, json: json)
            StatusLine.say("closed study \(study.name)")
        }
    }

    struct Link: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print the study's public enrolment link.",
        discussion: """
            On Prolific, add ?PROLIFIC_PID={{%PROLIFIC_PID%}}&STUDY_ID={{%STUDY_ID%}}&SESSION_ID={{%SESSION_ID%}}
            to it; MTurk's ExternalQuestion adds workerId, assignmentId, hitId and turkSubmitTo itself.
            The same platform id resumes; it never enrols twice.

            Examples:
              refhuman studies link pilot --base-url https://study.example.org
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The study's name.") var name: String
        @Option(help: "Where the server is reachable (default: the address of the server running on the database, else http://127.0.0.1:8080).")
        var baseURL: String?

        func run() throws {
            let study = try store.open().study(named: name)
            let base = baseURL ?? ServeLock.currentHolder(database: store.db)?.baseURL ?? "http://127.0.0.1:8080"
            print("\(base)/s/\(study.enrolmentCode)")
            StatusLine.say("the enrolment link of \(study.name); anyone with it can enrol (up to the cap), so give it only to the platform")
        }
    }

    static func line(_ study: StudySummary) -> String {
        let state = study.closedAt.map { "closed \($0)" } ?? study.frozenAt.map { "frozen since \($0)" } ?? "open to edits"
        return "\(study.name) — \(study.dataset): \(study.participants) participant(s), \(study.testJudgements) test judgement(s), \(state)"
    }

    static func show(_ study: StudySummary, json: Bool) throws {
        if json { return try JSONOutput.print(study) }
        let settings = study.settings
        print(line(study))
        print("  title: \(study.title)")
        print("  judgements per item: \(settings.judgementsPerItem); guesses: \(settings.maxGuesses); "
            + "exposure: \(settings.exposureMs.map { "\($0) ms" } ?? "until the answer"); "
            + "practice: \(settings.practiceCount.map(String.init) ?? "all practice items")")
        let terms = study.terms
        var facts: [String] = []
        if let quota = terms.quota { facts.append("quota \(quota) test items") }
        if let pass = terms.practicePass { facts.append("practice pass \(Int((pass * 100).rounded())) %") }
        if let minutes = terms.estimatedMinutes { facts.append("\(minutes) min") }
        if !terms.pay.isEmpty { facts.append("pay \(terms.pay)") }
        if let cap = terms.participantCap { facts.append("cap \(cap) participants") }
        facts.append("order \(terms.assignmentOrder.rawValue)")
        if terms.catchRate > 0 {
            facts.append("catch trials \(Int((terms.catchRate * 100).rounded())) % from \(terms.catchSource.rawValue)")
        }
        var exclusions: [String] = []
        if let share = terms.excludeCatchBelow { exclusions.append("catch accuracy < \(Int((share * 100).rounded())) %") }
        if let share = terms.excludePracticeBelow { exclusions.append("practice accuracy < \(Int((share * 100).rounded())) %") }
        if let milliseconds = terms.excludeMedianMsBelow { exclusions.append("median answer < \(milliseconds) ms") }
        if !exclusions.isEmpty { facts.append("exclude " + exclusions.joined(separator: " or ")) }
        if terms.allowCoarse { facts.append("coarse answers allowed") }
        if !terms.consentText.isEmpty { facts.append("consent version \(terms.consentVersion)") }
        if !facts.isEmpty { print("  " + facts.joined(separator: "; ")) }
    }
}
