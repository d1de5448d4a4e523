// ClassificationRun: runs a trained classifier on a dataset's test and practice items and
// stores its top-k with softmax scores as a model, beside any other models of the dataset.
import Classifier
import Foundation
import Storage

public struct ClassificationRun {
    public let store: Store

    public init(store: Store) { self.store = store }

    /// Returns the number of items predicted and the top-1 accuracy on the test items.
    public func run(dataset: String?, weights: URL, modelName: String, topK: Int = 5, replace: Bool,
                    progress: (Int, Int) -> Void = { _, _ in }) throws -> (items: Int, testAccuracy: Double?) {
        let classifier: ImageClassifier
        do {
            classifier = try ImageClassifier.load(weightsFrom: weights)
        } catch {
            throw ModelRunError("\(weights.path): \(error)")
        }
        let items = try store.labelledImages(dataset: dataset, splits: [.test, .practice])
        guard classifier.classCount == items.categories.count else {
            throw ModelRunError("\(weights.path): the model has \(classifier.classCount) classes, "
                + "dataset '\(items.dataset)' has \(items.categories.count) categories")
        }
        if let names = classifier.card?.classNames, names != items.categories {
            throw ModelRunError("\(weights.path): the model's classes (\(names.joined(separator: ", "))) "
                + "are not the categories of '\(items.dataset)' in order")
        }
        let batch = try ImageBatch(items.images, dataset: items.dataset)
        guard batch.count == 0 || (batch.channels, batch.height, batch.width) == (classifier.channels, classifier.height, classifier.width) else {
            throw ModelRunError("\(weights.path): the model takes \(classifier.width)×\(classifier.height)×\(classifier.channels) images, "
                + "'\(items.dataset)' has \(batch.width)×\(batch.height)×\(batch.channels)")
        }
        // Chunks keep memory flat and let the caller show progress.
        let chunk = 1_024, perImage = classifier.valuesPerImage
        var predictions: [Int64: [RankedCategory]] = [:]
        var testRight = 0, testCount = 0
        for start in stride(from: 0, to: batch.count, by: chunk) {
            let end = min(batch.count, start + chunk)
            let ranked = try classifier.predict(images: Array(batch.pixels[(start * perImage)..<(end * perImage)]), topK: topK)
            for (offset, ranking) in ranked.enumerated() {
                let item = items.images[start + offset]
                predictions[item.itemID] = ranking.map { RankedCategory(category: $0.index, score: Double($0.score)) }
                if item.split == .test {
                    testCount += 1
                    if ranking.first?.index == item.trueCategory { testRight += 1 }
                }
            }
            progress(end, batch.count)
        }
        let card = classifier.card.flatMap { try? JSONEncoder().encode($0) }.map { String(decoding: $0, as: UTF8.self) } ?? "{}"
        try store.saveModel(dataset: items.dataset, name: modelName, source: weights.lastPathComponent, card: card,
                            predictions: predictions, replace: replace)
        return (predictions.count, testCount > 0 ? Double(testRight) / Double(testCount) : nil)
    }
}
