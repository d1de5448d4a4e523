// ImportCSV: `refhuman import csv`: a CSV manifest of image paths and labels.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct ImportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csv", abstract: "A manifest with columns path,label[,split]; paths relative to it.",
        discussion: """
            Examples:
              refhuman import csv manifest.csv --name birds --categories-from-labels
              refhuman import csv manifest.csv --name birds --categories birds.txt --max-guesses 5
            """)
    @Argument(help: "Manifest CSV file.") var manifest: String
    @Option(help: "One category name per line, in index order; every label must be one of them.") var categories: String?
    @Flag(help: "Without --categories: make the manifest's distinct labels, sorted, the categories.") var categoriesFromLabels = false
    @Flag(help: "Accept absolute paths and paths that leave the manifest's folder.") var allowOutsidePaths = false
    @Option(help: "Split for rows without a split column.") var split: Split = .test
    @OptionGroup var dataset: NewDatasetOptions

    func run() throws {
        try ImportCommand.store({
            let given = try categories.map { try CategoryList.read(URL(fileURLWithPath: $0)) }
            let (categoryList, records) = try CSVManifestReader.records(manifest: URL(fileURLWithPath: manifest),
                                                                        categories: given, labelsAreCategories: categoriesFromLabels,
                                                                        allowOutsidePaths: allowOutsidePaths, defaultSplit: split)
            return (dataset.description(categories: categoryList), records)
        }, options: dataset.store, images: dataset.images, replace: dataset.replace, json: dataset.json)
    }
}
