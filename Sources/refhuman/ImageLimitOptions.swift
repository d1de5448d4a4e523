// ImageLimitOptions: --max-side and --downscale, shared by every import.
import ArgumentParser
import Datasets

struct ImageLimitOptions: ParsableArguments {
    @Option(help: "Largest image side accepted, in pixels.") var maxSide = ImageSizeLimit().maxSide
    @Flag(help: "Store images over --max-side scaled down to fit (as PNG) instead of refusing the import.") var downscale = false

    var limit: ImageSizeLimit { ImageSizeLimit(maxSide: maxSide, downscale: downscale) }
}
