// BundleCommand: `refhuman bundle build`: rebuild a study bundle from a full IDX dataset.
import ArgumentParser
import Datasets
import Foundation
import Storage

struct BundleCommand: ParsableCommand {
    static let configuration = CommandConfiguration(commandName: "bundle", abstract: "Make dataset bundles.", subcommands: [BundleBuild.self])
}
