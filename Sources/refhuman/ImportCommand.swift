// ImportCommand: `refhuman import bundle|idx|folder|csv|cifar`.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a dataset. One transaction: a bad record changes nothing.",
        subcommands: [ImportBundle.self, ImportIDX.self, ImportFolder.self, ImportCSV.self, ImportCIFAR.self])

    /// Reads first, then opens the store, so a malformed input never even creates a database.
    static func store(_ read: () throws -> (DatasetDescription, [ImportRecord]), options: StoreOptions, replace: Bool) throws {
        let (description, records) = try read()
        let store = try options.open()
        let summary = try ImportPipeline().run(records, as: description, into: store, replace: replace)
        print(summary.line)
    }
}

extension Split: ExpressibleByArgument {}

struct ImportBundle: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bundle", abstract: "A bundle: dataset.json plus its data files.")
    @Argument(help: "Bundle directory.") var directory: String
    @Option(help: "Dataset name (default: the manifest's).") var name: String?
    @Flag(help: "Replace an existing dataset of that name (refused once it has judgements).") var replace = false
    @OptionGroup var store: StoreOptions

    func run() throws {
        try ImportCommand.store({
            var (description, records) = try BundleReader.read(directory: URL(fileURLWithPath: directory))
            if let name { description.name = name }
            return (description, records)
        }, options: store, replace: replace)
    }
}

struct ImportIDX: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "idx", abstract: "MNIST-style IDX image and label files, raw or gzipped.")
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
        }, options: dataset.store, replace: dataset.replace)
    }
}

struct ImportFolder: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "folder", abstract: "ImageFolder layout: DIR/<category>/<image>.")
    @Argument(help: "Root directory; its sorted sub-folder names are the categories.") var directory: String
    @Option(help: "Split of the imported items.") var split: Split = .test
    @OptionGroup var dataset: NewDatasetOptions

    func run() throws {
        try ImportCommand.store({
            let (categories, records) = try FolderReader.records(directory: URL(fileURLWithPath: directory), split: split)
            return (dataset.description(categories: categories), records)
        }, options: dataset.store, replace: dataset.replace)
    }
}

struct ImportCSV: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "csv", abstract: "A manifest with columns path,label[,split]; paths relative to it.")
    @Argument(help: "Manifest CSV file.") var manifest: String
    @Option(help: "One category name per line, in index order (default: the sorted labels of the manifest).") var categories: String?
    @Option(help: "Split for rows without a split column.") var split: Split = .test
    @OptionGroup var dataset: NewDatasetOptions

    func run() throws {
        try ImportCommand.store({
            let given = try categories.map { try CategoryList.read(URL(fileURLWithPath: $0)) }
            let (categoryList, records) = try CSVManifestReader.records(manifest: URL(fileURLWithPath: manifest),
                                                                        categories: given, defaultSplit: split)
            return (dataset.description(categories: categoryList), records)
        }, options: dataset.store, replace: dataset.replace)
    }
}

struct ImportCIFAR: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "cifar", abstract: "CIFAR-10/100 binary batches and their label names.")
    @Argument(help: "Directory with the .bin batches and batches.meta.txt or fine/coarse_label_names.txt.") var directory: String
    @Option(help: "Split: test reads the test batch; any other split reads the training batches.") var split: Split = .test
    @Option(help: "Import only the first K records.") var limit: Int?
    @OptionGroup var dataset: NewDatasetOptions

    func run() throws {
        try ImportCommand.store({
            let (categories, records) = try CIFARReader.records(directory: URL(fileURLWithPath: directory), split: split, limit: limit)
            return (dataset.description(categories: categories), records)
        }, options: dataset.store, replace: dataset.replace)
    }
}
