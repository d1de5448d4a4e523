// ClassifierBenchmark: `make bench`. Inference images/s of the bundled classifier on the
// 10,000 Fashion-MNIST test images at batch 1 and batch 256, and the time of one training
// epoch over the 60,000 training images. Writes the top-1 predictions so
// Benchmarks/classifier_reference.py can check that PyTorch and onnxruntime, run on the same
// weights in the same `make bench`, agree image for image.
// Usage: ClassifierBenchmark [--weights F] [--predictions F] [--repeats N] [--train-images N] [--inference 0|1]
import Classifier
import Datasets
import Foundation

func option(_ name: String, _ fallback: String) -> String {
    let arguments = CommandLine.arguments
    guard let index = arguments.firstIndex(of: "--\(name)"), index + 1 < arguments.count else { return fallback }
    return arguments[index + 1]
}

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// Images as [count, 1, 28, 28] floats in [0, 1] and their labels, from Debian's IDX files.
func fashion(_ prefix: String) throws -> (images: [Float], labels: [Int]) {
    let directory = URL(fileURLWithPath: "/usr/share/datasets/fashion-mnist")
    let images = try IDXFile.read(directory.appendingPathComponent("\(prefix)-images-idx3-ubyte.gz"))
    let labels = try IDXFile.read(directory.appendingPathComponent("\(prefix)-labels-idx1-ubyte.gz"))
    return (images.values.map { Float($0) / 255 }, labels.values.map { Int($0) })
}

let weights = option("weights", "Datasets/fashion-mnist/classifier.safetensors")
let predictionsPath = option("predictions", ".build/bench-classifier-predictions.txt")
let repeats = Int(option("repeats", "3")) ?? 3
let trainImages = Int(option("train-images", "0")) ?? 0
let measureInference = option("inference", "1") == "1"

do {
    let classifier = try ImageClassifier.load(weightsFrom: URL(fileURLWithPath: weights))
    if measureInference {
        let test = try fashion("t10k")
        let perImage = classifier.valuesPerImage, count = test.labels.count
        print("weights \(weights); \(count) test images; \(ProcessInfo.processInfo.activeProcessorCount) cores")
        var top1: [Int] = []
        for batch in [1, 256] {
            var best = Double.infinity
            for round in 0...repeats {  // round 0 warms up
                var answers: [Int] = []
                answers.reserveCapacity(count)
                let elapsed = try seconds {
                    for start in stride(from: 0, to: count, by: batch) {
                        let end = min(count, start + batch)
                        answers += try classifier.predict(images: Array(test.images[(start * perImage)..<(end * perImage)]), topK: 1)
                            .map { $0[0].index }
                    }
                }
                if round > 0 { best = min(best, elapsed) }
                top1 = answers
            }
            let accuracy = Double(zip(top1, test.labels).filter { $0 == $1 }.count) / Double(count)
            print(String(format: "swift       batch %3d: %8.0f images/s  top-1 %.4f  (best of %d)", batch, Double(count) / best, accuracy, repeats))
        }
        try (top1.map(String.init).joined(separator: "\n") + "\n").write(toFile: predictionsPath, atomically: true, encoding: .utf8)
    }
    if trainImages > 0 {
        let train = try fashion("train")
        let count = min(trainImages, train.labels.count)
        var config = TrainingConfig()
        config.epochs = 1
        config.maxShift = 1
        let fresh = try ImageClassifier(channels: 1, height: 28, width: 28, classes: 10, dropout: 0.3)
        let reports = try fresh.train(images: Array(train.images[0..<(count * classifier.valuesPerImage)]),
                                      labels: Array(train.labels[0..<count]), config: config)
        print(String(format: "swift       training: one epoch over %d images (batch 64, Adam, both cores): %.1f s (%.0f images/s)",
                     count, reports[0].epochSeconds, Double(count) / reports[0].epochSeconds))
    }
} catch {
    FileHandle.standardError.write(Data("ClassifierBenchmark: \(error)\n".utf8))
    exit(1)
}
