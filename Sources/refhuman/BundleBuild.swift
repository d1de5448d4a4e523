// BundleBuild: `refhuman bundle build`: rebuild a study bundle from a full IDX dataset.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct BundleBuild: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "build",
        abstract: "Sample test, practice and example items from IDX files into a bundle.",
        discussion: """
            The bundle's dataset.json supplies title, categories and settings; its parts and data files are rewritten.

            Examples:
              refhuman bundle build --from /usr/share/datasets/fashion-mnist --out Datasets/fashion-mnist --seed 1708
            """)
    @Option(help: "Directory with t10k-images-idx3-ubyte.gz, t10k-labels-idx1-ubyte.gz, train-images-idx3-ubyte.gz, train-labels-idx1-ubyte.gz.")
    var from = "/usr/share/datasets/fashion-mnist"
    @Option(help: "Bundle directory holding the dataset.json to complete.") var out: String
    @Option(help: "Seed of the sampling.") var seed: UInt64
    @Option(help: "Test items.") var test = 1000
    @Option(help: "Practice items.") var practice = 100
    @Option(help: "Example items per category.") var examples = 13

    func run() throws {
        let source = URL(fileURLWithPath: from)
        let directory = URL(fileURLWithPath: out)
        let template = try BundleManifest.read(directory.appendingPathComponent("dataset.json"))
        var builder = BundleBuilder(
            testImages: source.appendingPathComponent("t10k-images-idx3-ubyte.gz"),
            testLabels: source.appendingPathComponent("t10k-labels-idx1-ubyte.gz"),
            trainImages: source.appendingPathComponent("train-images-idx3-ubyte.gz"),
            trainLabels: source.appendingPathComponent("train-labels-idx1-ubyte.gz"),
            seed: seed)
        builder.testCount = test
        builder.practiceCount = practice
        builder.examplesPerCategory = examples
        let command = "refhuman bundle build --from \(from) --out \(out) --seed \(seed) --test \(test) --practice \(practice) --examples \(examples)"
        let manifest = try builder.build(into: directory, template: template, command: command)
        StatusLine.say("wrote \(out): " + manifest.parts.map { "\($0.split.rawValue) \($0.images ?? "")" }.joined(separator: ", "))
    }
}
