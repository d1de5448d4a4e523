// NewDatasetOptions: what every format-specific import shares: the new dataset's name,
// --replace, its protocol settings, the image size limit and the database.
import ArgumentParser
import Storage

struct NewDatasetOptions: ParsableArguments {
    @Option(help: "Dataset name.") var name: String
    @Flag(help: "Replace an existing dataset of that name (refused once it has judgements).") var replace = false
    @Flag(help: "Print what was imported as JSON on stdout.") var json = false
    @OptionGroup var settings: SettingsOptions
    @OptionGroup var images: ImageOptions
    @OptionGroup var store: StoreOptions

    func description(categories: [CategoryDescription], hierarchy: [CategoryNode] = []) -> DatasetDescription {
        DatasetDescription(name: name, title: settings.title, settings: settings.settings, categories: categories, hierarchy: hierarchy)
    }
}
