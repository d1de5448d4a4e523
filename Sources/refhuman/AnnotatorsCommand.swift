// AnnotatorsCommand: `refhuman annotators add|enrol|list|disable`: accounts, the study
// each takes part in, and invite links.
import ArgumentParser
import Foundation
import Storage

struct AnnotatorsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "annotators", abstract: "Manage annotators and their invite links.",
        discussion: """
            Examples:
              refhuman annotators add alice
              refhuman annotators list --json
            """,
        subcommands: [Add.self, Enrol.self, List.self, Disable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an annotator and print their invite link.",
        discussion: """
            Examples:
              refhuman annotators add alice
              refhuman annotators add bob --dataset fashion-mnist --base-url https://study.example.org
              refhuman annotators add carol --study pilot
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The annotator's name (unique).") var name: String
        @Option(help: "Dataset they label, in its first open study (default: the only dataset).") var dataset: String?
        @Option(help: "Study they take part in (instead of --dataset).") var study: String?
        @Option(help: "Where the server is reachable (default: the address of the server running on the database, else http://127.0.0.1:8080).")
        var baseURL: String?
        @Flag(help: "Print the annotator and their link as JSON.") var json = false

        func validate() throws {
            if dataset != nil && study != nil { throw ValidationError("give --dataset or --study, not both") }
        }

        func run() throws {
            let (annotator, token) = try store.open().addAnnotator(name: name, dataset: dataset, study: study)
            let base = baseURL ?? ServeLock.currentHolder(database: store.db)?.baseURL ?? "http://127.0.0.1:8080"
            let link = "\(base)/join/\(token)"
            if json {
                try JSONOutput.print(["name": annotator.name, "study": annotator.study ?? "", "dataset": annotator.dataset ?? "", "link": link])
            } else {
                print(link)
            }
            StatusLine.say("added \(annotator.name) to study \(annotator.study ?? "none"); the link is their login, send it privately")
        }
    }

    struct Enrol: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Move an annotator to another study; their link stays the same.",
        discussion: """
            Their judgements so far stay with the study they were made in.

            Examples:
              refhuman annotators enrol alice --study pilot
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The annotator's name.") var name: String
        @Option(help: "The study they take part in from now on.") var study: String
        @Flag(help: "Print the annotator as JSON.") var json = false

        func run() throws {
            let annotator = try store.open().enrolAnnotator(name: name, study: study)
            if json { try JSONOutput.print(annotator) }
            StatusLine.say("\(annotator.name) now takes part in study \(annotator.study ?? study)")
        }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List annotators.",
        discussion: """
            Examples:
              refhuman annotators list
              refhuman annotators list --json
            """)
        @OptionGroup var store: StoreOptions
        @Flag(help: "Print JSON.") var json = false

        func run() throws {
            let annotators = try store.open().annotators()
            if json { return try JSONOutput.print(annotators) }
            for annotator in annotators {
                let state = annotator.disabledAt.map { "disabled \($0)" } ?? "active"
                print("\(annotator.name)\t\(annotator.study ?? "-")\t\(state)\tadded \(annotator.createdAt)")
            }
        }
    }

    struct Disable: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Disable an annotator's link (their judgements stay).",
        discussion: """
            Examples:
              refhuman annotators disable alice
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The annotator's name.") var name: String
        @Flag(help: "Print the disabled account as JSON.") var json = false

        func run() throws {
            let annotator = try store.open().disableAnnotator(name: name)
            StatusLine.say("disabled \(annotator.name)")
            if json { try JSONOutput.print(annotator) }
        }
    }
}
