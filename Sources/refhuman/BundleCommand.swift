// BundleCommand: `refhuman bundle build`: rebuild a study bundle from a full IDX dataset.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bundle", abstract: "Make dataset bundles.",
        discussion: """
            Examples:
              refhuman bundle build --from /usr/share/datasets/fashion-mnist --out Datasets/fashion-mnist --seed 1708
              refhuman bundle catalog Datasets/imagenet-1k/wnids.txt --out Datasets/imagenet-1k/catalog.json
            """, subcommands: [BundleBuild.self, BundleCatalog.self])
}
