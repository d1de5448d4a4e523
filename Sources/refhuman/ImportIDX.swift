// ImportIDX: `refhuman import idx`: IDX image and label files, as MNIST and Fashion-MNIST ship them.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct ImportIDX: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "idx", abstract: "MNIST-style IDX image and label files, raw or gzipped.",
        discussion: """
            Examples:
              refhuman import idx --images t10k-images-idx3-ubyte.gz --labels t10k-labels-idx1-ubyte.gz --categories categories.txt --name fashion-test
            """)
    @Option(help: "IDX image file.") var images: String
    @Option(help: "IDX label file.") var labels: String
    @Option(help: "One category name per line, in label order.") var categories: String
    @Option(help: "Split of the imported items.") var split: Split = .test
    @Option(help: "Import only the first K records.") var limit: Int?
    @OptionGroup var dataset: NewDatasetOptions

    func validate() throws {
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
    }

    func run() throws {
        try ImportCommand.store({
            let categoryList = try CategoryList.read(URL(fileURLWithPath: categories))
            let records = try IDXReader.records(images: URL(fileURLWithPath: images), labels: URL(fileURLWithPath: labels),
                                                categoryCount: categoryList.count, split: split, limit: limit)
            return (dataset.description(categories: categoryList), records)
        }, options: dataset.store, images: dataset.images, replace: dataset.replace, json: dataset.json)
    }
}
