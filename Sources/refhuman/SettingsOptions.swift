// SettingsOptions: the protocol settings an import gives a new dataset.
import ArgumentParser
import Storage

struct SettingsOptions: ParsableArguments {
    @Option(help: "Title shown to annotators (default: the name).")
    var title: String?

    @Option(help: "Judgements collected per test item, from distinct annotators.")
    var judgementsPerItem = 3

    @Option(help: "Ordered guesses an annotator may give (5 for ImageNet-style top-5).")
    var maxGuesses = 1

    @Option(help: "Show each image for this many milliseconds, then mask it.")
    var exposureMs: Int?

    @Option(help: "Practice items before the test phase (default: all of them).")
    var practiceCount: Int?

    var settings: DatasetSettings {
        DatasetSettings(judgementsPerItem: judgementsPerItem, maxGuesses: maxGuesses,
                        exposureMs: exposureMs, practiceCount: practiceCount)
    }
}
