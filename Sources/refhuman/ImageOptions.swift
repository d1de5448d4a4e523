// ImageOptions: what every import decides about its images: the largest side, scaling
// down, and whether a test image may also be an example or practice image.
import ArgumentParser
import Datasets

struct ImageOptions: ParsableArguments {
    @Option(help: "Largest image side accepted, in pixels.") var maxSide = ImageSizeLimit().maxSide
    @Flag(help: "Store images over --max-side scaled down to fit (as PNG) instead of refusing the import.") var downscale = false
    @Flag(help: "Accept test images that are also example or practice images (annotators would have seen their labels); a warning counts them.")
    var allowSharedTestImages = false

    var limit: ImageSizeLimit { ImageSizeLimit(maxSide: maxSide, downscale: downscale) }
}
