// InferenceJob: one batch's evaluation spread over threads. The batch is cut
// into pieces and DispatchQueue.concurrentPerform hands them to its worker
// threads as they become free, so a core that is slowed down (by another
// process, say) simply takes fewer pieces instead of holding the batch up.
// @unchecked Sendable is sound because pieces only read the network
// (Layer.infer mutates nothing) and the images, and write disjoint rows of
// `output`.

import Dispatch

final class InferenceJob: @unchecked Sendable {
    private let network: Network
    private let images: [Float]
    private let sampleShape: [Int]    // [C, H, W]
    private let classes: Int
    private let count: Int
    private let pieceSize: Int
    private let output: UnsafeMutableBufferPointer<Float>  // logits: [N, classes]

    /// Cuts `images` into about 4 pieces per worker: enough to balance uneven
    /// cores, few enough that each piece still makes efficient GEMMs.
    init(network: Network, images: [Float], workers: Int) {
        self.network = network
        self.images = images
        sampleShape = network.inputShape
        classes = network.outputShape.reduce(1, *)
        count = images.count / sampleShape.reduce(1, *)
        let pieces = max(1, workers * 4)
        pieceSize = max(8, (count + pieces - 1) / pieces)
        output = .allocate(capacity: count * classes)
        output.initialize(repeating: 0)
    }

    deinit {
        output.deallocate()
    }

    /// Runs every piece; returns logits [N, classes].
    func run() -> Tensor {
        let pieces = (count + pieceSize - 1) / pieceSize
        DispatchQueue.concurrentPerform(iterations: pieces) { runPiece($0) }
        return Tensor(shape: [count, classes], data: Array(output))
    }

    private func runPiece(_ piece: Int) {
        let per = sampleShape.reduce(1, *)
        let lo = piece * pieceSize, hi = min(count, lo + pieceSize)
        guard hi > lo else { return }
        let x = Tensor(shape: [hi - lo] + sampleShape, data: Array(images[(lo * per)..<(hi * per)]))
        let logits = network.infer(x)  // [hi-lo, classes]
        logits.data.withUnsafeBufferPointer { src in
            (output.baseAddress! + lo * classes).update(from: src.baseAddress!, count: src.count)
        }
    }
}
