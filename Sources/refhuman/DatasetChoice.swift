// DatasetChoice: --dataset, shared by every command that works on one existing dataset.
import ArgumentParser

struct DatasetChoice: ParsableArguments {
    @Option(help: "Dataset name (may be left out when there is only one).") var dataset: String?
}
