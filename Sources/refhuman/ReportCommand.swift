// ReportCommand: `refhuman report`: human vs model figures as JSON, CSV or a self-contained HTML file.
import ArgumentParser
import Foundation
import Reporting

extension ReportFormat: ExpressibleByArgument {}

struct ReportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report", abstract: "Human vs model error per category, with intervals and paired tests.",
        discussion: """
            Examples:
              refhuman report --format html --out report.html
              refhuman report --dataset fashion-mnist --model refhuman-cnn --format csv
            """)

    @OptionGroup var target: StudyChoice
    @Option(name: .customLong("model"), help: "A stored model to compare; repeat for several, the first is primary. Default: all.")
    var models: [String] = []
    @Option(help: "json, csv or html.") var format: ReportFormat = .json
    @Option(help: "Write to this file instead of stdout.") var out: String?
    @OptionGroup var store: StoreOptions

    func run() throws {
        let data = try StudyReporter(store: try store.open(), software: RefHuman.software)
            .render(dataset: target.dataset, study: target.study, models: models.isEmpty ? nil : models, format: format)
        try OutputFile.write(data, to: out)
        if let out { StatusLine.say("wrote \(format.rawValue) report to \(out)") }
    }
}
