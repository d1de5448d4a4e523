// ImportCommand: `refhuman import bundle|idx|folder|csv|cifar|judgements`.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct ImportCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "import",
        abstract: "Import a dataset, or outside judgements. One transaction: a bad record changes nothing.",
        discussion: """
            Examples:
              refhuman import bundle Datasets/fashion-mnist
              refhuman import folder pets --name pets
              refhuman import judgements labels.csv --study pilot
            """,
        subcommands: [ImportBundle.self, ImportIDX.self, ImportFolder.self, ImportCSV.self, ImportCIFAR.self, ImportJudgements.self])

    /// Reads first, then opens the store, so a malformed input never even creates a database.
    static func store(_ read: () throws -> (DatasetDescription, [ImportRecord]), options: StoreOptions, images: ImageOptions,
                      replace: Bool, json: Bool) throws {
        let (description, records) = try read()
        let store = try options.openCreating()
        var pipeline = ImportPipeline()
        pipeline.sizeLimit = images.limit
        pipeline.allowsSharedTestImages = images.allowSharedTestImages
        let summary = try pipeline.run(records, as: description, into: store, replace: replace)
        StatusLine.say(summary.line)
        if summary.sharedTestImages > 0 {
            StatusLine.say("warning: \(summary.sharedTestImages) test image(s) are also example or practice images, whose labels annotators see")
        }
        if json { try JSONOutput.print(summary) }
    }
}
