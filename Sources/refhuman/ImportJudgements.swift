// ImportJudgements: `refhuman import judgements`: human labels collected elsewhere, into a study.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct ImportJudgements: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "judgements",
        abstract: "Outside judgements into a study: columns annotator,item,guesses[,response_ms][,phase].",
        discussion: """
            item is the item's source as imported (t10k:9, a relative path); guesses are category names,
            best first, separated by ';' (as `export judgements` writes them); phase is test (the default)
            or practice. Annotators are made by name, or found, and enrolled in the study. One
            transaction: an unknown item or category, too many guesses, a second judgement of an item
            by the same annotator or a bad number refuses the file, naming its line, and stores nothing.

            Examples:
              refhuman import judgements labels.csv --study pilot
              refhuman import judgements labels.csv --dataset fashion-mnist --json
            """)
    @Argument(help: "The judgements CSV file.") var file: String
    @OptionGroup var target: StudyChoice
    @Flag(help: "Print what was imported as JSON on stdout.") var json = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        // Read before opening the store, so an unreadable file never touches the database.
        let text = try ImportError.readText(URL(fileURLWithPath: file), kind: "judgements file")
        let summary = try store.open().importJudgements(dataset: target.dataset, study: target.study) { targets in
            try JudgementsCSV.read(text, file: file, targets: targets)
        }
        StatusLine.say(summary.line)
        if json { try JSONOutput.print(summary) }
    }
}
