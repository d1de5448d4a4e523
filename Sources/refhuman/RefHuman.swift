// RefHuman: the root command and its subcommands.
import ArgumentParser

struct RefHuman: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "refhuman",
        abstract: "Measure the human baseline of image-classification datasets.",
        subcommands: [
            ServeCommand.self, AnnotatorsCommand.self, ImportCommand.self, DatasetsCommand.self, ReportCommand.self,
            ExportCommand.self, PredictionsCommand.self, TrainCommand.self, ClassifyCommand.self, BundleCommand.self,
            BackupCommand.self, CheckCommand.self,
        ])
}
