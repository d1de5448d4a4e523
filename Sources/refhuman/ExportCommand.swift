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
        @Option(help: "Write to this file instead of stdout; its provenance (software, study, protocol, dataset source and licence) goes beside it as FILE.provenance.json.")
        var out: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            let export = TrialExport(store: try store.open(), software: RefHuman.software)
            let data = try export.render(dataset: target.dataset, study: target.study, format: format)
            guard let out else { return try OutputFile.write(data, to: nil) }
            let provenance = out + ".provenance.json"
            try OutputFile.write(try export.provenance(dataset: target.dataset, study: target.study), to: provenance)
            try OutputFile.write(data, to: out)
            StatusLine.say("wrote \(format.rawValue) trials to \(out) and their provenance to \(provenance)")
        }
    }
}
