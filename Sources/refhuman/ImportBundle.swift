// ImportBundle: `refhuman import bundle`: a dataset bundle directory (dataset.json and its parts).
import ArgumentParser
import Datasets
import Foundation
import Storage

struct ImportBundle: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bundle", abstract: "A bundle: dataset.json plus its data files.",
        discussion: """
            Examples:
              refhuman import bundle Datasets/fashion-mnist
              refhuman import bundle my-bundle --name pilot
            """)
    @Argument(help: "Bundle directory.") var directory: String
    @Option(help: "Dataset name (default: the manifest's).") var name: String?
    @Flag(help: "Replace an existing dataset of that name (refused once it has judgements).") var replace = false
    @Flag(help: "Print what was imported as JSON on stdout.") var json = false
    @Flag(help: "Accept data files outside the bundle's folder (absolute paths, '..').") var allowOutsidePaths = false
    @OptionGroup var images: ImageOptions
    @OptionGroup var store: StoreOptions

    func run() throws {
        try ImportCommand.store({
            var (description, records) = try BundleReader.read(directory: URL(fileURLWithPath: directory), allowOutsidePaths: allowOutsidePaths)
            if let name { description.name = name }
            return (description, records)
        }, options: store, images: images, replace: replace, json: json)
    }
}
