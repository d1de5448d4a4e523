// ImportBenchmark: `make bench`. Times `refhuman import` of all 70,000 Fashion-MNIST
// images (IDX files to committed transaction): read and unzip IDX, encode PNG, hash,
// insert. Information only: no target.
// Usage: ImportBenchmark [FASHION_MNIST_DIR] [ROUNDS]
import Datasets
import Foundation
import Storage

let source = URL(fileURLWithPath: CommandLine.arguments.count > 1 ? CommandLine.arguments[1] : "/usr/share/datasets/fashion-mnist")
let rounds = CommandLine.arguments.count > 2 ? Int(CommandLine.arguments[2]) ?? 3 : 3
let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("refhuman-bench-\(UUID().uuidString)")
try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
defer { try? FileManager.default.removeItem(at: scratch) }

let categories = ["T-shirt/top", "Trouser", "Pullover", "Dress", "Coat", "Sandal", "Shirt", "Sneaker", "Bag", "Ankle boot"]
    .map { CategoryDescription(name: $0) }

func seconds(_ body: () throws -> Void) rethrows -> Double {
    let start = DispatchTime.now().uptimeNanoseconds
    try body()
    return Double(DispatchTime.now().uptimeNanoseconds - start) / 1e9
}

/// The whole import as the CLI runs it: read and unzip IDX, encode PNG, hash, insert.
func importAll(into path: String) throws -> Int {
    var records: [ImportRecord] = []
    for (prefix, count, split) in [("t10k", 10_000, Split.test), ("train", 60_000, Split.train)] {
        records += try IDXReader.records(
            images: source.appendingPathComponent("\(prefix)-images-idx3-ubyte.gz"),
            labels: source.appendingPathComponent("\(prefix)-labels-idx1-ubyte.gz"),
            categoryCount: categories.count, split: split, sources: (0..<count).map { "\(prefix):\($0)" })
    }
    var pipeline = ImportPipeline()
    pipeline.showProgress = false
    let store = try Store(path: path)
    return try pipeline.run(records, as: DatasetDescription(name: "fashion-mnist-all", categories: categories),
                            into: store, replace: false).items
}

var importTimes: [Double] = []
var count = 0
for round in 0..<rounds {
    let importPath = scratch.appendingPathComponent("import-\(round).sqlite").path
    importTimes.append(try seconds { count = try importAll(into: importPath) })
}

let importRate = Double(count) / importTimes.sorted()[rounds / 2]
print("import benchmark: \(count) Fashion-MNIST images, median of \(rounds) rounds, \(ProcessInfo.processInfo.activeProcessorCount) cores")
print(String(format: "  refhuman import (IDX → PNG → SHA-256 → SQLite): %8.0f images/s (%.1f s)", importRate, importTimes.sorted()[rounds / 2]))
