// TrainCommand: `refhuman train`: trains the bundled classifier on a dataset's train items.
import ArgumentParser
import Classifier
import Foundation
import ModelRuns

struct TrainCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "train",
        abstract: "Train the bundled CNN on a dataset's train items (import them with --split train first).",
        discussion: """
            Examples:
              refhuman train --dataset fashion-train --evaluate fashion-test --out model.safetensors --epochs 2
            """)

    @Option(help: "Dataset whose train items are learnt (may be left out when there is only one).") var dataset: String?
    @Option(help: "Dataset whose test items are scored after each epoch (default: --dataset).") var evaluate: String?
    @Option(help: "Weights file to write (safetensors); the model card goes beside it as .json.") var out: String
    @Option(help: "Passes over the training items.") var epochs = 12
    @Option(help: "Seed for shuffling, augmentation and dropout.") var seed: UInt64 = 1
    @Option(help: "Seed for the initial weights.") var initSeed: UInt64 = 0
    @Option(help: "Images per step.") var batchSize = 64
    @Option(help: "Adam's learning rate (cosine-decayed to 0 over the epochs).") var learningRate: Float = 1e-3
    @Option(help: "Dropout before the last layer.") var dropout: Float = 0.3
    @Option(help: "Largest random shift, in pixels, when augmenting.") var shift = 1
    @Flag(inversion: .prefixedNo, help: "Mirror images left-right at random when augmenting.") var flip = true
    @Option(help: "OpenBLAS threads (0: every core). Sums run in a different order with a different count, so a run repeats bit for bit only with the same value.")
    var threads = 1
    @Flag(help: "Print the model card as JSON on stdout.") var json = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        var config = TrainingConfig()
        config.epochs = epochs
        config.seed = seed
        config.batchSize = batchSize
        config.learningRate = learningRate
        config.maxShift = shift
        config.horizontalFlip = flip
        config.threads = threads
        let weights = URL(fileURLWithPath: out)
        let cardURL = weights.deletingPathExtension().appendingPathExtension("json")
        let card = try TrainingRun(store: try store.open(), config: config, dropout: dropout, initSeed: initSeed)
            .run(dataset: dataset, evaluationDataset: evaluate, weights: weights, card: cardURL) { report in
                let heldOut = report.heldOutAccuracy.map { String(format: "  test-acc %.4f", $0) } ?? ""
                FileHandle.standardError.write(Data(String(
                    format: "epoch %2d/%d  loss %.4f  train-acc %.4f%@  %.1f s\n",
                    report.epoch, report.epochs, report.loss, report.accuracy, heldOut as NSString, report.epochSeconds).utf8))
            }
        let accuracy = card.testAccuracy.map { String(format: ", test accuracy %.4f", $0) } ?? ""
        StatusLine.say("wrote \(out) and \(cardURL.path) (\(card.parameterCount) parameters, "
            + String(format: "%.0f s", card.trainingTimeSeconds) + accuracy + ")")
        if json { try JSONOutput.print(card) }
    }
}
