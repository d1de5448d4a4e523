// ImportCIFAR: `refhuman import cifar`: CIFAR-10 binary batches.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct ImportCIFAR: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cifar", abstract: "CIFAR-10/100 binary batches and their label names.",
        discussion: """
            Examples:
              refhuman import cifar cifar-10-batches-bin --name cifar10
              refhuman import cifar cifar-100-binary --name cifar100 --split train --limit 5000
            """)
    @Argument(help: "Directory with the .bin batches and batches.meta.txt or fine/coarse_label_names.txt.") var directory: String
    @Option(help: "Split: test reads the test batch; any other split reads the training batches.") var split: Split = .test
    @Option(help: "Import only the first K records.") var limit: Int?
    @OptionGroup var dataset: NewDatasetOptions

    func run() throws {
        try ImportCommand.store({
            let (categories, records) = try CIFARReader.records(directory: URL(fileURLWithPath: directory), split: split, limit: limit)
            return (dataset.description(categories: categories), records)
        }, options: dataset.store, images: dataset.images, replace: dataset.replace, json: dataset.json)
    }
}
