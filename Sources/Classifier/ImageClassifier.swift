// ImageClassifier: the public face of the module. Builds the standard network
// for an image size, trains it, predicts top-k classes for batches of images,
// and saves/loads weights (safetensors) together with a model card (JSON).

import Foundation

public final class ImageClassifier {
    public let channels: Int
    public let height: Int
    public let width: Int
    public let classCount: Int
    public let dropout: Float
    public let initSeed: UInt64
    public let network: Network
    /// Filled in by train() or load(); set testAccuracy/classNames before saving.
    public var card: ModelCard?

    static let formatName = "refhuman-classifier-v1"

    /// The standard architecture (see Network.standard) with He-initialised weights from `seed`.
    /// Needs at least a 1x4x4 input (two 2x2 poolings), two classes and 0 <= dropout < 1.
    public init(channels: Int, height: Int, width: Int, classes: Int,
                dropout: Float = 0.3, seed: UInt64 = 0) throws(ClassifierError) {
        guard channels >= 1, height >= 4, width >= 4 else {
            throw .invalidConfig("input must be at least 1x4x4, got \(channels)x\(height)x\(width)")
        }
        guard classes >= 2 else { throw .invalidConfig("need at least 2 classes, got \(classes)") }
        guard dropout >= 0, dropout < 1 else { throw .invalidConfig("dropout must be in [0, 1), got \(dropout)") }
        self.channels = channels
        self.height = height
        self.width = width
        self.classCount = classes
        self.dropout = dropout
        self.initSeed = seed
        network = Network.standard(channels: channels, height: height, width: width,
                                   classes: classes, dropout: dropout, seed: seed)
    }

    public var valuesPerImage: Int { channels * height * width }

    // MARK: Training

    /// Trains on images ([count, C, H, W] flattened, values in [0, 1]) and labels
    /// (0..<classCount). `heldOut`, if given, is scored after every epoch for the
    /// report only — it never influences training. Fills `card`.
    @discardableResult
    public func train(images: [Float], labels: [Int], config: TrainingConfig,
                      heldOut: (images: [Float], labels: [Int])? = nil,
                      progress: (EpochReport) -> Void = { _ in }) throws(ClassifierError) -> [EpochReport] {
        try validate(images: images, labels: labels)
        if let heldOut { try validate(images: heldOut.images, labels: heldOut.labels) }
        guard config.epochs >= 1 else { throw .invalidConfig("epochs must be at least 1") }
        guard config.batchSize >= 1 else { throw .invalidConfig("batchSize must be at least 1") }
        guard config.learningRate > 0, config.learningRate.isFinite else {
            throw .invalidConfig("learningRate must be positive")
        }
        guard config.maxShift >= 0, config.maxShift < min(height, width) else {
            throw .invalidConfig("maxShift must be in 0..<\(min(height, width))")
        }

        // Large batch-wide GEMMs: let OpenBLAS use every core (unless told otherwise).
        let blasThreads = config.threads > 0 ? config.threads : ProcessInfo.processInfo.activeProcessorCount
        let trainer = Trainer(network: network, config: config)
        let started = Date()
        var reports: [EpochReport] = []
        for epoch in 0..<config.epochs {
            BLAS.threads = blasThreads  // again each epoch: scoring heldOut changes it
            let epochStart = Date()
            let (loss, accuracy) = trainer.runEpoch(epoch, images: images, labels: labels)
            let epochSeconds = Date().timeIntervalSince(epochStart)
            let heldOutAccuracy = heldOut.map { accuracyUnchecked(images: $0.images, labels: $0.labels) }
            let report = EpochReport(epoch: epoch + 1, epochs: config.epochs,
                                     learningRate: trainer.learningRate(epoch: epoch),
                                     loss: loss, accuracy: accuracy, heldOutAccuracy: heldOutAccuracy,
                                     epochSeconds: epochSeconds,
                                     elapsedSeconds: Date().timeIntervalSince(started))
            reports.append(report)
            progress(report)
        }
        let description = network.describe()
        card = ModelCard(
            inputShape: [channels, height, width], classes: classCount,
            architecture: description,
            parameterCount: description.reduce(0) { $0 + $1.parameterCount },
            trainingData: config.dataDescription.isEmpty
                ? "\(labels.count) images of shape \([channels, height, width])" : config.dataDescription,
            epochs: config.epochs, seed: config.seed, initSeed: initSeed,
            optimiser: config.optimizer.rawValue, hyperParameters: config, dropout: dropout,
            trainingTimeSeconds: Date().timeIntervalSince(started),
            date: ISO8601DateFormatter().string(from: Date()), epochLog: reports)
        return reports
    }

    // MARK: Inference

    /// Raw logits [count, classes]. A single image, or `threads` 1, runs on the
    /// calling thread. A larger batch with `threads` > 1 is cut into pieces that
    /// Dispatch's worker threads (one per core) take in turn. OpenBLAS stays
    /// single-threaded throughout: on 2 cores that beat letting OpenBLAS thread each
    /// GEMM (compare with ClassifierBenchmark). This sets OpenBLAS's process-wide thread count, so
    /// calls must not overlap: serialise them (an actor or a lock) if shared.
    public func logits(images: [Float], threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ClassifierError) -> Tensor {
        guard images.count % valuesPerImage == 0 else {
            throw .imageDataSize(values: images.count, perImage: valuesPerImage)
        }
        return logitsUnchecked(images: images, threads: threads)
    }

    /// The k most probable classes of each image, best first, with softmax scores.
    public func predict(images: [Float], topK k: Int = 5,
                        threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ClassifierError) -> [[Prediction]] {
        let probabilities = SoftmaxCrossEntropy.softmax(try logits(images: images, threads: threads))
        return Self.topK(probabilities, k: k)
    }

    /// Fraction of images whose top-1 class equals the label.
    public func accuracy(images: [Float], labels: [Int],
                         threads: Int = ProcessInfo.processInfo.activeProcessorCount) throws(ClassifierError) -> Double {
        try validate(images: images, labels: labels)
        return accuracyUnchecked(images: images, labels: labels, threads: threads)
    }

    /// probabilities: [N, K] -> per row the min(k, K) largest (index, score), ties to the lower index.
    static func topK(_ probabilities: Tensor, k: Int) -> [[Prediction]] {
        let n = probabilities.shape[0], classes = probabilities.shape[1]
        let kk = max(0, min(k, classes))
        return (0..<n).map { i in
            let row = probabilities.data[(i * classes)..<((i + 1) * classes)]
            let ranked = row.indices.sorted { a, b in
                row[a] != row[b] ? row[a] > row[b] : a < b
            }
            return ranked.prefix(kk).map { Prediction(index: $0 - i * classes, score: row[$0]) }
        }
    }

    private func accuracyUnchecked(images: [Float], labels: [Int],
                                   threads: Int = ProcessInfo.processInfo.activeProcessorCount) -> Double {
        guard !labels.isEmpty else { return 0 }
        let predicted = Trainer.argmax(logitsUnchecked(images: images, threads: threads))
        return Double(zip(predicted, labels).filter { $0 == $1 }.count) / Double(labels.count)
    }

    private func logitsUnchecked(images: [Float], threads: Int) -> Tensor {
        let per = valuesPerImage
        let n = images.count / per
        let workers = max(1, min(threads, n))
        BLAS.threads = 1
        if workers == 1 {
            return network.infer(Tensor(shape: [n, channels, height, width], data: images))
        }
        return InferenceJob(network: network, images: images, workers: workers).run()
    }

    private func validate(images: [Float], labels: [Int]) throws(ClassifierError) {
        guard images.count % valuesPerImage == 0 else {
            throw .imageDataSize(values: images.count, perImage: valuesPerImage)
        }
        guard images.count / valuesPerImage == labels.count else {
            throw .labelCount(images: images.count / valuesPerImage, labels: labels.count)
        }
        if let bad = labels.first(where: { $0 < 0 || $0 >= classCount }) {
            throw .labelOutOfRange(label: bad, classes: classCount)
        }
    }

    // MARK: Persistence

    /// Writes the weights as safetensors (architecture and card in its metadata) and,
    /// if `cardURL` is given, the model card as pretty-printed JSON.
    public func save(weightsTo weightsURL: URL, cardTo cardURL: URL? = nil) throws {
        var metadata = [
            "format": Self.formatName,
            "input_shape": "\(channels),\(height),\(width)",
            "classes": "\(classCount)",
            "dropout": "\(dropout)",
        ]
        if let card {
            metadata["model_card"] = String(decoding: try JSONEncoder().encode(card), as: UTF8.self)
        }
        let tensors = network.parameters.map { (name: $0.name, tensor: Tensor(shape: $0.shape, data: $0.value)) }
        try SafeTensors.write(tensors, metadata: metadata, to: weightsURL)
        if let cardURL, let card {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
            try encoder.encode(card).write(to: cardURL, options: .atomic)
        }
    }

    /// Rebuilds the standard network from a file written by `save`, refusing any
    /// tensor that is missing, extra or of the wrong shape.
    public static func load(weightsFrom url: URL) throws -> ImageClassifier {
        let file = try SafeTensors.read(from: url)
        func value(_ key: String) throws(ClassifierError) -> String {
            guard let v = file.metadata[key] else { throw .missingMetadata(key) }
            return v
        }
        let shapeText = try value("input_shape")
        let dims = shapeText.split(separator: ",").compactMap { Int($0) }
        guard dims.count == 3, dims.allSatisfy({ $0 > 0 }), dims[1] >= 4, dims[2] >= 4 else {
            throw ClassifierError.invalidMetadata(key: "input_shape", value: shapeText)
        }
        let classesText = try value("classes")
        guard let classes = Int(classesText), classes >= 2 else {
            throw ClassifierError.invalidMetadata(key: "classes", value: classesText)
        }
        let dropoutText = file.metadata["dropout"] ?? "0.3"
        guard let dropout = Float(dropoutText), dropout >= 0, dropout < 1 else {
            throw ClassifierError.invalidMetadata(key: "dropout", value: dropoutText)
        }
        let classifier = try ImageClassifier(channels: dims[0], height: dims[1], width: dims[2],
                                         classes: classes, dropout: dropout)
        try classifier.loadWeights(file)
        if let cardText = file.metadata["model_card"] {
            classifier.card = try? JSONDecoder().decode(ModelCard.self, from: Data(cardText.utf8))
        }
        return classifier
    }

    /// Copies every network parameter from `file`, checking names and shapes first.
    public func loadWeights(_ file: SafeTensorsFile) throws(ClassifierError) {
        let parameters = network.parameters
        for parameter in parameters {
            guard let tensor = file.tensors[parameter.name] else { throw .missingTensor(parameter.name) }
            guard tensor.shape == parameter.shape else {
                throw .tensorShape(name: parameter.name, expected: parameter.shape, found: tensor.shape)
            }
        }
        let known = Set(parameters.map(\.name))
        if let extra = file.names.first(where: { !known.contains($0) }) { throw .unexpectedTensor(extra) }
        for parameter in parameters { parameter.value = file.tensors[parameter.name]!.data }
    }
}
