// BundleBuilder: samples a study bundle out of a full IDX dataset (test and train sets):
// test items from the test set, practice and example items from the training set,
// all picked by a recorded seed so the bundle can be rebuilt bit for bit.
import Compression
import Foundation
import SeededRandom
import Storage

public struct BundleBuilder {
    public var testImages: URL
    public var testLabels: URL
    public var trainImages: URL
    public var trainLabels: URL
    public var testCount = 1000
    public var practiceCount = 100
    public var examplesPerCategory = 13
    public var seed: UInt64

    public init(testImages: URL, testLabels: URL, trainImages: URL, trainLabels: URL, seed: UInt64) {
        self.testImages = testImages
        self.testLabels = testLabels
        self.trainImages = trainImages
        self.trainLabels = trainLabels
        self.seed = seed
    }

    /// Writes the data files into `directory` and rewrites its dataset.json, keeping the
    /// manifest's descriptive fields (title, categories, settings) from `template`.
    public func build(into directory: URL, template: BundleManifest, command: String) throws -> BundleManifest {
        let test = try (IDXFile.read(testImages), IDXFile.read(testLabels))
        let train = try (IDXFile.read(trainImages), IDXFile.read(trainLabels))
        for (images, labels, url) in [(test.0, test.1, testLabels), (train.0, train.1, trainLabels)] where images.recordCount != labels.recordCount {
            throw ImportError(file: url.path, reason: "\(labels.recordCount) labels for \(images.recordCount) images")
        }
        guard test.0.recordCount >= testCount else {
            throw ImportError(file: testImages.path, reason: "only \(test.0.recordCount) records, \(testCount) wanted")
        }
        var generator = SplitMix64(seed: seed)

        var testOrder = Array(0..<test.0.recordCount)
        generator.shuffle(&testOrder)
        let testPicks = testOrder.prefix(testCount).sorted()

        var trainOrder = Array(0..<train.0.recordCount)
        generator.shuffle(&trainOrder)
        var examplePicks: [Int] = []
        var perCategory = [Int](repeating: 0, count: template.categories.count)
        var remaining: [Int] = []
        for index in trainOrder {
            let label = Int(train.1.values[train.1.values.startIndex + index])
            if label < perCategory.count && perCategory[label] < examplesPerCategory {
                perCategory[label] += 1
                examplePicks.append(index)
            } else {
                remaining.append(index)
            }
        }
        let practicePicks = remaining.prefix(practiceCount).sorted()
        examplePicks.sort()

        var manifest = template
        manifest.format = BundleManifest.currentFormat
        manifest.parts = []
        for (split, images, labels, prefix, picks) in [
            (Split.test, test.0, test.1, "t10k", Array(testPicks)),
            (Split.practice, train.0, train.1, "train", Array(practicePicks)),
            (Split.example, train.0, train.1, "train", examplePicks),
        ] {
            var pixels = Data()
            var labelBytes = Data()
            for index in picks {
                pixels.append(images.record(index))
                labelBytes.append(labels.record(index))
            }
            let name = split.rawValue
            let imageDimensions = [picks.count] + Array(images.dimensions.dropFirst())
            try Gzip.compress(IDXWriter.encode(dimensions: imageDimensions, values: pixels))
                .write(to: directory.appendingPathComponent("\(name)-images-idx3-ubyte.gz"))
            try Gzip.compress(IDXWriter.encode(dimensions: [picks.count], values: labelBytes))
                .write(to: directory.appendingPathComponent("\(name)-labels-idx1-ubyte.gz"))
            try Data(picks.map { "\(prefix):\($0)\n" }.joined().utf8)
                .write(to: directory.appendingPathComponent("\(name)-sources.txt"))
            manifest.parts.append(BundlePart(split: split, format: .idx, images: "\(name)-images-idx3-ubyte.gz",
                                             labels: "\(name)-labels-idx1-ubyte.gz", sources: "\(name)-sources.txt"))
        }
        manifest.provenance = [
            "seed": String(seed),
            "command": command,
            "sources": "'t10k:N' is record N of t10k-images-idx3-ubyte, 'train:N' record N of train-images-idx3-ubyte (0-based)",
        ]
        try manifest.write(to: directory.appendingPathComponent("dataset.json"))
        return manifest
    }
}
