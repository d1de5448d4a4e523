// RefHuman: the root command and its subcommands.
import ArgumentParser

struct RefHuman: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refhuman",
        abstract: "Measure the human baseline of image-classification datasets.",
        discussion: """
            Examples:
              refhuman import bundle Datasets/fashion-mnist
              refhuman serve
              refhuman report --format html --out report.html
            """,
        version: software,
        subcommands: [
            ServeCommand.self, AnnotatorsCommand.self, StudiesCommand.self, ImportCommand.self, DatasetsCommand.self, ReportCommand.self,
            ExportCommand.self, PredictionsCommand.self, PlanCommand.self, TrainCommand.self, ClassifyCommand.self, BundleCommand.self,
            BackupCommand.self, CheckCommand.self, AdminLinkCommand.self,
        ])

    /// The release; the commit says exactly which source it was built from.
    static let version = "1.1.0"
    /// What `--version` prints and every report's provenance names.
    static let software = "refhuman \(version) (commit \(BuildInfo.commit))"
}
