// PredictionsCommand: `refhuman predictions import|export`: any model's ranked answers, as CSV.
import ArgumentParser
import Datasets
import Foundation
import Reporting
import Storage

struct PredictionsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "predictions", abstract: "Import or export a model's predictions.",
        discussion: """
            Examples:
              refhuman predictions import resnet.csv --model resnet50
              refhuman predictions export --model refhuman-cnn --out predictions.csv
            """,
        subcommands: [Import.self, Export.self])

    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Store an outside model's predictions (item,true_label,label1,score1,…; items matched by source).",
        discussion: """
            Examples:
              refhuman predictions import resnet.csv --model resnet50
              refhuman predictions import vit.csv --dataset fashion-mnist --model vit-b16
            """)
        @Argument(help: "The predictions CSV file.") var file: String
        @OptionGroup var target: DatasetChoice
        @Option(help: "Name the model is stored and reported under.") var model: String
        @Flag(help: "Replace a stored model of the same name.") var replace = false
        @Flag(help: "Print the outcome as JSON on stdout.") var json = false
        @OptionGroup var store: StoreOptions

        func run() throws {
            let opened = try store.open()
            let targets = try opened.predictionTargets(dataset: target.dataset)
            let predictions = try PredictionsCSV.read(URL(fileURLWithPath: file), targets: targets)
            try opened.saveModel(dataset: targets.dataset, name: model, source: file, card: "{}",
                                 predictions: predictions, replace: replace)
            let missing = targets.items.count - predictions.count
            StatusLine.say("stored \(predictions.count) predictions as '\(model)' on \(targets.dataset)"
                + (missing > 0 ? " (\(missing) test/practice items have none)" : ""))
            if json { try JSONOutput.print(StoredPredictions(model: model, predictions: predictions.count, testAccuracy: nil)) }
        }
    }

    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Print a stored model's predictions as CSV.",
        discussion: """
            Examples:
              refhuman predictions export --model refhuman-cnn
              refhuman predictions export --model refhuman-cnn --out predictions.csv
            """)
        @OptionGroup var target: DatasetChoice
        @Option(help: "The stored model.") var model: String
        @Option(help: "Write to this file instead of stdout.") var out: String?
        @OptionGroup var store: StoreOptions

        func run() throws {
            try OutputFile.write(try PredictionsExport(store: try store.open()).render(dataset: target.dataset, model: model), to: out)
        }
    }
}
