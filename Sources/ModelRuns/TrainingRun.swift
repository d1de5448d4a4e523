// TrainingRun: trains the bundled classifier on a dataset's `train` items and writes its
// safetensors weights and JSON model card.
import Classifier
import Foundation
import Storage

public struct TrainingRun {
    public let store: Store
    public var config: TrainingConfig
    public var dropout: Float
    public var initSeed: UInt64

    public init(store: Store, config: TrainingConfig, dropout: Float = 0.3, initSeed: UInt64 = 0) {
        self.store = store
        self.config = config
        self.dropout = dropout
        self.initSeed = initSeed
    }

    /// Trains on `dataset`'s train items, scores the test items of `evaluationDataset`
    /// (default: the same dataset) after every epoch, reported only and never used for
    /// training, and saves `weights` with the card beside it. Returns the card.
    @discardableResult
    public func run(dataset: String?, evaluationDataset: String? = nil, weights: URL, card cardURL: URL,
                    progress: (EpochReport) -> Void) throws -> ModelCard {
        let train = try store.labelledImages(dataset: dataset, splits: [.train])
        guard !train.images.isEmpty else {
            throw ModelRunError("dataset '\(train.dataset)' has no train items; import some with --split train")
        }
        let trainBatch = try ImageBatch(train.images, dataset: train.dataset)
        let test = try store.labelledImages(dataset: evaluationDataset ?? train.dataset, splits: [.test])
        guard evaluationDataset == nil || test.categories == train.categories else {
            throw ModelRunError("'\(test.dataset)' and '\(train.dataset)' have different categories")
        }
        let testBatch = try ImageBatch(test.images, dataset: test.dataset)
        var config = self.config
        config.dataDescription = "'\(train.dataset)' train split: \(trainBatch.count) images "
            + "\(trainBatch.width)×\(trainBatch.height)×\(trainBatch.channels), pixels/255"
        let classifier = try ImageClassifier(channels: trainBatch.channels, height: trainBatch.height, width: trainBatch.width,
                                         classes: train.categories.count, dropout: dropout, seed: initSeed)
        let heldOut = testBatch.count > 0 && (testBatch.channels, testBatch.height, testBatch.width)
            == (trainBatch.channels, trainBatch.height, trainBatch.width) ? (testBatch.pixels, testBatch.labels) : nil
        try classifier.train(images: trainBatch.pixels, labels: trainBatch.labels, config: config,
                             heldOut: heldOut.map { (images: $0.0, labels: $0.1) }, progress: progress)
        guard var card = classifier.card else { throw ModelRunError("training produced no model card") }
        card.classNames = train.categories
        if let heldOut {
            card.testAccuracy = try classifier.accuracy(images: heldOut.0, labels: heldOut.1)
            card.testDescription = "top-1 accuracy on the \(testBatch.count) test items of '\(test.dataset)'"
        }
        classifier.card = card
        try classifier.save(weightsTo: weights, cardTo: cardURL)
        return card
    }
}
