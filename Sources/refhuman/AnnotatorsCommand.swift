// AnnotatorsCommand: `refhuman annotators add|list|disable`: accounts and invite links.
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
        subcommands: [Add.self, List.self, Disable.self])

    struct Add: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Add an annotator and print their invite link.",
        discussion: """
            Examples:
              refhuman annotators add alice
              refhuman annotators add bob --dataset fashion-mnist --base-url https://study.example.org
            """)
        @OptionGroup var store: StoreOptions
        @Argument(help: "The annotator's name (unique).") var name: String
        @Option(help: "Dataset they label (default: the only one).") var dataset: String?
        @Option(help: "Where the server is reachable (default: the address of the server running on the database, else http://127.0.0.1:8080).")
        var baseURL: String?
        @Flag(help: "Print the annotator and their link as JSON.") var json = false

        func run() throws {
            let (annotator, token) = try store.open().addAnnotator(name: name, dataset: dataset)
            let base = baseURL ?? ServeLock.currentHolder(database: store.db)?.baseURL ?? "http://127.0.0.1:8080"
            let link = "\(base)/join/\(token)"
            if json {
                try JSONOutput.print(["name": annotator.name, "dataset": annotator.dataset ?? "", "link": link])
            } else {
                print(link)
            }
            StatusLine.say("added \(annotator.name) for \(annotator.dataset ?? "no dataset"); the link is their login, send it privately")
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
                print("\(annotator.name)\t\(annotator.dataset ?? "-")\t\(state)\tadded \(annotator.createdAt)")
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
