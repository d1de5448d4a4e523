// InferenceJob: one batch's evaluation split across threads. Each worker runs
// the network on a contiguous slice of images and writes its logits into its
// own rows of a shared output buffer. @unchecked Sendable is sound because
// workers only read the network (Layer.infer mutates nothing) and the images,
// and write disjoint rows of `output`.

final class InferenceJob: @unchecked Sendable {
    private let network: Network
    private let images: [Float]
    private let sampleShape: [Int]    // [C, H, W]
    private let classes: Int
    private let bounds: [Int]         // worker i takes images bounds[i]..<bounds[i+1]
    private let output: UnsafeMutableBufferPointer<Float>  // logits: [N, classes]

    init(network: Network, images: [Float], workers: Int) {
        self.network = network
        self.images = images
        sampleShape = network.inputShape
        classes = network.outputShape.reduce(1, *)
        let per = sampleShape.reduce(1, *)
        let n = images.count / per
        bounds = (0...workers).map { $0 * n / workers }
        output = .allocate(capacity: n * classes)
        output.initialize(repeating: 0)
    }

    deinit {
        output.deallocate()
    }

    var workers: Int { bounds.count - 1 }

    func run(worker i: Int) {
        let per = sampleShape.reduce(1, *)
        let lo = bounds[i], hi = bounds[i + 1]
        guard hi > lo else { return }
        let x = Tensor(shape: [hi - lo] + sampleShape, data: Array(images[(lo * per)..<(hi * per)]))
        let logits = network.infer(x)  // [hi-lo, classes]
        for (j, value) in logits.data.enumerated() { output[lo * classes + j] = value }
    }

    var logits: Tensor {
        Tensor(shape: [bounds.last!, classes], data: Array(output))
    }
}
