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
              refhuman import folder imagenet/val --name imagenet --wordnet
            """)
    @Argument(help: "Root directory; its sorted sub-folder names are the categories.") var directory: String
    @Option(help: "Split of the imported items.") var split: Split = .test
    @Flag(help: "Folder names are WordNet ids (n02123045): take each category's name, synonyms, gloss and ancestors from WordNet 3.0.")
    var wordnet = false
    @Option(help: "Where WordNet's dict files are (Debian's wordnet-base).") var wordnetDir = WordNet.defaultDirectory
    @OptionGroup var dataset: NewDatasetOptions

    func run() throws {
        try ImportCommand.store({
            let (categories, records) = try FolderReader.records(directory: URL(fileURLWithPath: directory), split: split)
            guard wordnet else { return (dataset.description(categories: categories), records) }
            // Folder names are WNIDs; the records keep pointing at the same category indices.
            let named = try WordNetCatalog.categories(wnids: categories.map(\.name), wordNet: try WordNet(directory: wordnetDir),
                                                      source: directory)
            return (dataset.description(categories: named.categories, hierarchy: named.nodes), records)
        }, options: dataset.store, images: dataset.images, replace: dataset.replace, json: dataset.json)
    }
}
