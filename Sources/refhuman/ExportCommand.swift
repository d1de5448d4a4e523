// ExportCommand: `refhuman export judgements`: one row per trial, joined with truth and models' top-k.
import ArgumentParser
import Foundation
import Reporting

extension ExportFormat: ExpressibleByArgument {}

struct ExportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "export", abstract: "Export study data.",
        discussion: """
            Examples:
              refhuman export judgements --out judgements.csv
            """, subcommands: [Judgements.self])

    struct Judgements: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Every trial (superseded ones flagged) with its item's truth and each model's top-k.",
        discussion: """
            Examples:
              refhuman export judgements --out judgements.csv
              refhuman export judgements --dataset fashion-mnist --format jsonl
            """)

        @OptionGroup var target: StudyChoice
        @Option(help: "csv or jsonl.") var format: ExportFormat = .csv
        @Option(help: "Write to this file instead of stdout.") var out: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            try OutputFile.write(try TrialExport(store: try store.open()).render(dataset: target.dataset, study: target.study, format: format), to: out)
        }
    }
}
