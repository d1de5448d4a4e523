// ImportFolder: `refhuman import folder`: an ImageFolder tree, one directory per category.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct ImportFolder: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "folder", abstract: "ImageFolder layout: DIR/<category>/<image>.",
        discussion: """
            Examples:
              refhuman import folder pets --name pets
              refhuman import folder pets --name pets --judgements-per-item 5 --practice-count 20
            """)
    @Argument(help: "Root directory; its sorted sub-folder names are the categories.") var directory: String
    @Option(help: "Split of the imported items.") var split: Split = .test
    @OptionGroup var dataset: NewDatasetOptions

    func run() throws {
        try ImportCommand.store({
            let (categories, records) = try FolderReader.records(directory: URL(fileURLWithPath: directory), split: split)
            return (dataset.description(categories: categories), records)
        }, options: dataset.store, images: dataset.images, replace: dataset.replace, json: dataset.json)
    }
}
