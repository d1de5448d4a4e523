// BundleCatalog: `refhuman bundle catalog`: names, synonyms, glosses and the hierarchy of a
// list of WordNet ids, from WordNet 3.0, as a JSON catalog (Datasets/imagenet-1k/catalog.json).
import ArgumentParser
import Datasets
import Foundation
import WireFormat

struct BundleCatalog: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "catalog", abstract: "A category catalog from WordNet ids, one per line.",
        discussion: """
            Examples:
              refhuman bundle catalog Datasets/imagenet-1k/wnids.txt --out Datasets/imagenet-1k/catalog.json
            """)
    @Argument(help: "A text file of WordNet ids (n02123045), one per line, in label order.") var wnids: String
    @Option(help: "Write to this file instead of stdout.") var out: String?
    @Option(help: "Where WordNet's dict files are (Debian's wordnet-base).") var wordnetDir = WordNet.defaultDirectory

    func run() throws {
        let text = try ImportError.readText(URL(fileURLWithPath: wnids), kind: "WordNet id list")
        let ids = text.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard !ids.isEmpty else { throw CommandFailure("\(wnids): no WordNet ids") }
        let named = try WordNetCatalog.categories(wnids: ids, wordNet: try WordNet(directory: wordnetDir), source: wnids)
        let catalog = CategoryCatalog(source: "WordNet 3.0 (Debian wordnet-base) for the ids in \((wnids as NSString).lastPathComponent), by `refhuman bundle catalog`",
                                      wnids: ids, categories: named.categories, hierarchy: .init(nodes: named.nodes))
        try OutputFile.write(try WireJSON.encoder(pretty: true).encode(catalog) + Data("\n".utf8), to: out)
        if let out { StatusLine.say("wrote \(ids.count) categories and \(named.nodes.count) hierarchy nodes to \(out)") }
    }
}
