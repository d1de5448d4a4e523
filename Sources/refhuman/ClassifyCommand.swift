// ClassifyCommand: `refhuman classify`: stores a trained classifier's top-5 for every test and practice item.
import ArgumentParser
import Foundation
import ModelRuns

struct ClassifyCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "classify", abstract: "Run a trained classifier on a dataset and store its top-5 predictions.",
        discussion: """
            Examples:
              refhuman classify --model Datasets/fashion-mnist/classifier.safetensors --name refhuman-cnn
              refhuman classify --dataset fashion-test --model model.safetensors --name cnn-2
            """)

    @OptionGroup var target: DatasetChoice
    @Option(help: "Weights file (safetensors) from `refhuman train`.")
    var model = "Datasets/fashion-mnist/classifier.safetensors"
    @Option(help: "Name the predictions are stored and reported under (default: the file's name).") var name: String?
    @Flag(help: "Replace stored predictions of the same name.") var replace = false
    @Flag(help: "Print the outcome as JSON on stdout.") var json = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        let weights = URL(fileURLWithPath: model)
        let modelName = name ?? weights.deletingPathExtension().lastPathComponent
        let showProgress = isatty(STDERR_FILENO) == 1
        let result = try ClassificationRun(store: try store.open())
            .run(dataset: target.dataset, weights: weights, modelName: modelName, replace: replace) { done, total in
                if showProgress { FileHandle.standardError.write(Data("\rclassified \(done)/\(total)".utf8)) }
            }
        if showProgress { FileHandle.standardError.write(Data("\n".utf8)) }
        let accuracy = result.testAccuracy.map { String(format: "; top-1 accuracy on the test items %.4f", $0) } ?? ""
        StatusLine.say("stored top-5 predictions for \(result.items) items as '\(modelName)'\(accuracy)")
        if json { try JSONOutput.print(StoredPredictions(model: modelName, predictions: result.items, testAccuracy: result.testAccuracy)) }
    }
}
