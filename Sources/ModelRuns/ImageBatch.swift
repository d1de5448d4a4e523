// ImageBatch: a split's images decoded into one float32 NCHW array in [0, 1], the
// classifier's input, with the labels and item ids in the same order.
import Foundation
import Imaging
import Storage

struct ImageBatch {
    /// [count, channels, height, width], flattened.
    let pixels: [Float]
    let labels: [Int]
    let channels: Int
    let height: Int
    let width: Int

    var count: Int { labels.count }

    /// Every image must have the same size and channel count: the network has one input shape.
    init(_ images: [LabelledImage], dataset: String) throws {
        var pixels: [Float] = []
        var shape: (channels: Int, height: Int, width: Int)?
        for image in images {
            let decoded: PixelImage
            do {
                decoded = try ImageCodec.decode(image.bytes).image
            } catch {
                throw ModelRunError("item '\(image.source)' of '\(dataset)': cannot decode its image: \(error)")
            }
            let this = (decoded.channels, decoded.height, decoded.width)
            if let shape, shape != this {
                throw ModelRunError("item '\(image.source)' of '\(dataset)' is \(decoded.width)×\(decoded.height)×\(decoded.channels), "
                    + "the others \(shape.width)×\(shape.height)×\(shape.channels); the classifier needs one size")
            }
            shape = this
            if pixels.isEmpty { pixels.reserveCapacity(images.count * decoded.pixels.count) }
            // Interleaved HWC bytes → planar CHW floats.
            let plane = decoded.width * decoded.height
            let start = pixels.count
            pixels.append(contentsOf: repeatElement(0, count: decoded.pixels.count))
            for index in 0..<plane {
                for channel in 0..<decoded.channels {
                    pixels[start + channel * plane + index] = Float(decoded.pixels[index * decoded.channels + channel]) / 255
                }
            }
        }
        self.pixels = pixels
        labels = images.map(\.trueCategory)
        channels = shape?.channels ?? 0
        height = shape?.height ?? 0
        width = shape?.width ?? 0
    }
}
