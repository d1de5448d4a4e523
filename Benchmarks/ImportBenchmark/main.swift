// ImportBenchmark: `make bench`. Times `refhuman import` of all 70,000 Fashion-MNIST
// images (IDX files to committed transaction) against the floor for storing them: a bare
// batched SQLite insert of the same PNG blobs, with the same pragmas, in the same run.
// Two more lines show how much of the gap is storage itself: the same PNGs written into
// RefHuman's schema, and into the smallest schema that still stores each image once.
// Usage: ImportBenchmark [FASHION_MNIST_DIR] [ROUNDS]
import BenchmarkSupport
import Datasets
import Foundation
import GRDB
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

/// The floor: the same PNG bytes, already encoded, inserted in one transaction.
func bareInsert(_ blobs: [Data], into path: String) throws {
    let queue = try PlainDatabase.open(at: path)
    try queue.write { db in
        try db.execute(sql: "CREATE TABLE blob (id INTEGER PRIMARY KEY, bytes BLOB NOT NULL)")
        let insert = try db.makeStatement(sql: "INSERT INTO blob (bytes) VALUES (?)")
        for blob in blobs { try insert.execute(arguments: [blob]) }
    }
}

/// The schema's own cost: the same PNGs, already encoded and hashed, written through
/// CatalogWriter into a migrated RefHuman store (image + item rows and their indexes).
func schemaInsert(_ images: [StoredImage], into path: String) throws {
    let store = try Store(path: path)
    try store.importDataset(DatasetDescription(name: "fashion-mnist-all", categories: categories), replace: false) { writer in
        for (index, image) in images.enumerated() {
            try writer.addItem(image: image, categoryIndex: index % categories.count, split: .test, source: "item:\(index)")
        }
    }
}

/// The least any content-addressed import must write, whatever its schema: each PNG once
/// under a unique SHA-256 key, and an item row unique by (dataset, source) pointing at it.
/// No other index, no CHECK constraint, no foreign key: a bound on every layout that meets
/// the import's own requirements (duplicates stored once, predictions matched by source).
func minimalContentAddressedInsert(_ images: [StoredImage], into path: String) throws {
    let queue = try PlainDatabase.open(at: path)
    try queue.write { db in
        try db.execute(sql: "CREATE TABLE image (id INTEGER PRIMARY KEY, sha256 TEXT NOT NULL UNIQUE, bytes BLOB NOT NULL)")
        try db.execute(sql: """
            CREATE TABLE item (id INTEGER PRIMARY KEY, dataset_id INTEGER NOT NULL, image_id INTEGER NOT NULL,
                               source TEXT NOT NULL, UNIQUE (dataset_id, source))
            """)
        let insertImage = try db.makeStatement(sql: "INSERT INTO image (sha256, bytes) VALUES (?, ?)")
        let insertItem = try db.makeStatement(sql: "INSERT INTO item (dataset_id, image_id, source) VALUES (1, ?, ?)")
        for (index, image) in images.enumerated() {
            try insertImage.execute(arguments: [image.sha256, image.bytes])
            try insertItem.execute(arguments: [db.lastInsertedRowID, "item:\(index)"])
        }
    }
}

var importTimes: [Double] = []
var minimalTimes: [Double] = []
var schemaTimes: [Double] = []
var floorTimes: [Double] = []
var blobs: [Data] = []
var images: [StoredImage] = []  // the blobs, hashed once for all rounds
var count = 0
for round in 0..<rounds {
    let importPath = scratch.appendingPathComponent("import-\(round).sqlite").path
    importTimes.append(try seconds { count = try importAll(into: importPath) })
    if blobs.isEmpty {
        let queue = try DatabaseQueue(path: importPath)
        blobs = try queue.read { db in
            try Data.fetchAll(db, sql: "SELECT image.bytes FROM item JOIN image ON image.id = item.image_id ORDER BY item.id")
        }
        images = blobs.map { StoredImage(bytes: $0, width: 28, height: 28, format: "png") }
    }
    let schemaPath = scratch.appendingPathComponent("schema-\(round).sqlite").path
    schemaTimes.append(try seconds { try schemaInsert(images, into: schemaPath) })
    let minimalPath = scratch.appendingPathComponent("minimal-\(round).sqlite").path
    minimalTimes.append(try seconds { try minimalContentAddressedInsert(images, into: minimalPath) })
    let floorPath = scratch.appendingPathComponent("floor-\(round).sqlite").path
    floorTimes.append(try seconds { try bareInsert(blobs, into: floorPath) })
}

let importRate = Double(count) / importTimes.sorted()[rounds / 2]
let floorRate = Double(blobs.count) / floorTimes.sorted()[rounds / 2]
let schemaRate = Double(blobs.count) / schemaTimes.sorted()[rounds / 2]
let minimalRate = Double(blobs.count) / minimalTimes.sorted()[rounds / 2]
print("import benchmark: \(count) Fashion-MNIST images, median of \(rounds) rounds, \(ProcessInfo.processInfo.activeProcessorCount) cores")
print(String(format: "  refhuman import (IDX → PNG → SHA-256 → SQLite): %8.0f images/s", importRate))
print(String(format: "  bare batched SQLite insert of the same PNGs:     %8.0f images/s", floorRate))
print(String(format: "  same PNGs pre-encoded into RefHuman's schema:   %8.0f images/s", schemaRate))
print(String(format: "  same PNGs into a minimal content-addressed schema: %6.0f images/s", minimalRate))
print(String(format: "  ratio import / floor: %.2f (target ≥ 0.50)", importRate / floorRate))
print(String(format: "  ratio schema insert / floor: %.2f (what the image and item indexes cost)", schemaRate / floorRate))
print(String(format: "  ratio minimal content-addressed insert / floor: %.2f (the most an importer that stores each image once can reach)", minimalRate / floorRate))
