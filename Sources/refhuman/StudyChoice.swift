// StudyChoice: --dataset and --study, for the commands that read or add one study's judgements
// (report, export, import judgements); either may be left out when it names the only one.
import ArgumentParser

struct StudyChoice: ParsableArguments {
    @Option(help: "Dataset name (may be left out when there is only one).") var dataset: String?
    @Option(help: "Study name (may be left out when the dataset has only one study).") var study: String?
}
