// BadInputTests: every malformed input is refused by the real binary with a non-zero exit,
// exactly one line on stderr naming the file and record, and a byte-identical database.
import Foundation
import Imaging
import Testing
import TestSupport

struct BadInput: Sendable, CustomTestStringConvertible {
    let name: String
    /// Writes the bad files into the folder and returns refhuman's arguments (without --db).
    let arrange: @Sendable (TemporaryDirectory) throws -> [String]
    /// Words the one error line must contain (the file and the record or line at fault).
    let expected: [String]

    var testDescription: String { name }
}

let categoriesFile = "T-shirt/top\nTrouser\nPullover\nDress\nCoat\nSandal\nShirt\nSneaker\nBag\nAnkle boot\n"

func idxImport(_ dir: TemporaryDirectory, images: Data, labels: Data) throws -> [String] {
    try dir.write("images.idx", images)
    try dir.write("labels.idx", labels)
    try dir.write("categories.txt", categoriesFile)
    return ["import", "idx", "--images", dir.path("images.idx"), "--labels", dir.path("labels.idx"),
            "--categories", dir.path("categories.txt"), "--name", "bad"]
}

func csvImport(_ dir: TemporaryDirectory, manifest: String) throws -> [String] {
    try dir.write("img/a.png", try Fixtures.png(shade: 1))
    try dir.write("img/b.png", try Fixtures.png(shade: 2))
    try dir.write("cats.txt", "cat\ndog\n")
    try dir.write("manifest.csv", manifest)
    return ["import", "csv", dir.path("manifest.csv"), "--categories", dir.path("cats.txt"), "--name", "bad"]
}

let badInputs: [BadInput] = [
    BadInput(name: "IDX with a wrong magic number", arrange: { dir in
        var images = Fixtures.idxImages(count: 3)
        images[2] = 0x0D  // a float IDX type, and not what the file claims to hold
        images[0] = 0x12
        return try idxImport(dir, images: images, labels: Fixtures.idxLabels([0, 1, 2]))
    }, expected: ["images.idx", "bad magic"]),
    BadInput(name: "truncated IDX", arrange: { dir in
        let images = Fixtures.idxImages(count: 3).dropLast(5)  // 3 records of 12 bytes declared, 31 bytes present
        return try idxImport(dir, images: Data(images), labels: Fixtures.idxLabels([0, 1, 2]))
    }, expected: ["images.idx", "record 2", "truncated"]),
    BadInput(name: "truncated gzipped IDX", arrange: { dir in
        let gz = try gzip(Fixtures.idxImages(count: 50))
        try dir.write("images.idx.gz", Data(gz.prefix(gz.count / 2)))
        try dir.write("labels.idx", Fixtures.idxLabels([UInt8](repeating: 0, count: 50)))
        try dir.write("categories.txt", categoriesFile)
        return ["import", "idx", "--images", dir.path("images.idx.gz"), "--labels", dir.path("labels.idx"),
                "--categories", dir.path("categories.txt"), "--name", "bad"]
    }, expected: ["images.idx.gz", "truncated gzip"]),
    BadInput(name: "image and label counts differ", arrange: { dir in
        try idxImport(dir, images: Fixtures.idxImages(count: 3), labels: Fixtures.idxLabels([0, 1]))
    }, expected: ["labels.idx", "2 labels for 3 images"]),
    BadInput(name: "label outside the categories", arrange: { dir in
        try idxImport(dir, images: Fixtures.idxImages(count: 3), labels: Fixtures.idxLabels([0, 10, 2]))
    }, expected: ["labels.idx", "record 1", "label 10 is not a category"]),
    BadInput(name: "CSV with an unknown category", arrange: { dir in
        try csvImport(dir, manifest: "path,label\nimg/a.png,cat\nimg/b.png,horse\n")
    }, expected: ["manifest.csv", "line 3", "unknown category 'horse'"]),
    BadInput(name: "CSV whose label is a typo, with no category list", arrange: { dir in
        try dir.write("img/a.png", try Fixtures.png(shade: 1))
        try dir.write("img/b.png", try Fixtures.png(shade: 2))
        try dir.write("manifest.csv", "path,label\nimg/a.png,cat\nimg/b.png,cta\n")
        return ["import", "csv", dir.path("manifest.csv"), "--name", "bad"]
    }, expected: ["manifest.csv", "no category list", "--categories FILE", "--categories-from-labels", "cat, cta"]),
    BadInput(name: "CSV label a typo of a category", arrange: { dir in
        try csvImport(dir, manifest: "path,label\nimg/a.png,cat\nimg/b.png,dgo\n")
    }, expected: ["manifest.csv", "line 3", "unknown category 'dgo'", "did you mean 'dog'?"]),
    BadInput(name: "CSV path leaving the manifest's folder", arrange: { dir in
        var arguments = try csvImport(dir, manifest: "path,label\nimg/a.png,cat\n../outside.png,dog\n")
        try dir.write("outside.png", try Fixtures.png(shade: 9))  // beside the folder the manifest sits in
        try FileManager.default.createDirectory(at: dir.file("m"), withIntermediateDirectories: true)
        try FileManager.default.moveItem(atPath: dir.path("manifest.csv"), toPath: dir.path("m/manifest.csv"))
        try FileManager.default.moveItem(atPath: dir.path("img"), toPath: dir.path("m/img"))
        arguments[2] = dir.path("m/manifest.csv")
        return arguments
    }, expected: ["manifest.csv", "line 3", "'../outside.png' is outside the manifest's folder", "--allow-outside-paths"]),
    BadInput(name: "CSV with an absolute path", arrange: { dir in
        try csvImport(dir, manifest: "path,label\nimg/a.png,cat\n/etc/hostname,dog\n")
    }, expected: ["manifest.csv", "line 3", "'/etc/hostname' is outside the manifest's folder"]),
    BadInput(name: "bundle part pointing outside its folder", arrange: { dir in
        try dir.write("labels.idx", Fixtures.idxLabels([0]))
        try dir.write("images.idx", Fixtures.idxImages(count: 1))
        try dir.write("bundle/dataset.json", """
            {"format": 1, "name": "b", "title": "B", "categories": [{"name": "x"}, {"name": "y"}],
             "parts": [{"split": "test", "format": "idx", "images": "../images.idx", "labels": "../labels.idx"}]}
            """)
        return ["import", "bundle", dir.path("bundle")]
    }, expected: ["dataset.json", "parts[0].images", "'../images.idx' is outside the bundle's folder"]),
    BadInput(name: "image wider than the size limit", arrange: { dir in
        try dir.write("cats.txt", "cat\ndog\n")
        try dir.write("img/wide.png", try Fixtures.png(width: 4097, height: 2, shade: 3))
        try dir.write("manifest.csv", "path,label\nimg/wide.png,cat\n")
        return ["import", "csv", dir.path("manifest.csv"), "--categories", dir.path("cats.txt"), "--name", "bad"]
    }, expected: ["manifest.csv", "line 2", "image is 4097×2, over the 4096 px limit per side", "--downscale"]),
    BadInput(name: "CSV naming a missing file", arrange: { dir in
        try csvImport(dir, manifest: "path,label\nimg/a.png,cat\nimg/missing.png,dog\n")
    }, expected: ["manifest.csv", "line 3", "not found", "img/missing.png"]),
    BadInput(name: "CSV with a bad header", arrange: { dir in
        try csvImport(dir, manifest: "file,class\nimg/a.png,cat\n")
    }, expected: ["manifest.csv", "line 1", "header"]),
    BadInput(name: "CSV row with the wrong column count", arrange: { dir in
        try csvImport(dir, manifest: "path,label\nimg/a.png,cat\n\"img/b.png\",dog,test\n")
    }, expected: ["manifest.csv", "line 3", "expected 2 columns, found 3"]),
    BadInput(name: "corrupt PNG", arrange: { dir in
        var png = try Fixtures.png(width: 8, height: 8)
        png.replaceSubrange(40..<png.count - 12, with: [UInt8](repeating: 0x5A, count: png.count - 52))
        try dir.write("folder/cat/good.png", try Fixtures.png(shade: 3))
        try dir.write("folder/dog/broken.png", png)
        return ["import", "folder", dir.path("folder"), "--name", "bad"]
    }, expected: ["dog/broken.png", "corrupt PNG"]),
    BadInput(name: "truncated JPEG", arrange: { dir in
        let jpeg = try Fixtures.jpeg()
        try dir.write("folder/cat/good.jpg", try Fixtures.jpeg(shade: 9))
        try dir.write("folder/dog/cut.jpg", Data(jpeg.prefix(jpeg.count * 2 / 3)))
        return ["import", "folder", dir.path("folder"), "--name", "bad"]
    }, expected: ["dog/cut.jpg", "corrupt JPEG"]),
    BadInput(name: "JPEG with a garbled header", arrange: { dir in
        var jpeg = try Fixtures.jpeg()
        jpeg.replaceSubrange(4..<60, with: [UInt8](repeating: 0x11, count: 56))  // keeps the FF D8 FF magic
        try dir.write("folder/cat/garbled.jpg", jpeg)
        return ["import", "folder", dir.path("folder"), "--name", "bad"]
    }, expected: ["cat/garbled.jpg", "corrupt JPEG"]),
    BadInput(name: "empty class folder", arrange: { dir in
        try dir.write("folder/cat/a.png", try Fixtures.png())
        try dir.write("folder/dog/.DS_Store", "hidden files do not count")
        return ["import", "folder", dir.path("folder"), "--name", "bad"]
    }, expected: ["folder/dog", "empty category folder"]),
    BadInput(name: "CIFAR file that is not a whole number of records", arrange: { dir in
        try dir.write("cifar/batches.meta.txt", "airplane\nautomobile\n")
        let records = Fixtures.cifar10Record(label: 0, red: 1, green: 2, blue: 3) + Fixtures.cifar10Record(label: 1, red: 4, green: 5, blue: 6)
        try dir.write("cifar/test_batch.bin", Data(records.dropLast(100)))
        return ["import", "cifar", dir.path("cifar"), "--name", "bad"]
    }, expected: ["test_batch.bin", "not a whole number of 3073-byte records"]),
    BadInput(name: "bundle with malformed dataset.json", arrange: { dir in
        try dir.write("bundle/dataset.json", "{\"format\": 1, \"name\": \"x\", \"title\": \"X\", \"categories\": [ {\"name\": \"a\"} ")
        return ["import", "bundle", dir.path("bundle")]
    }, expected: ["bundle/dataset.json", "malformed"]),
    BadInput(name: "bundle whose dataset.json lacks a key", arrange: { dir in
        try dir.write("bundle/dataset.json", "{\"format\": 1, \"name\": \"x\", \"title\": \"X\", \"parts\": []}")
        return ["import", "bundle", dir.path("bundle")]
    }, expected: ["bundle/dataset.json", "missing key 'categories'"]),
    BadInput(name: "bundle pointing at missing files", arrange: { dir in
        try dir.write("bundle/dataset.json", """
            {"format": 1, "name": "x", "title": "X", "categories": [{"name": "a"}, {"name": "b"}],
             "parts": [{"split": "test", "format": "idx", "images": "gone-images.gz", "labels": "gone-labels.gz"}]}
            """)
        return ["import", "bundle", dir.path("bundle")]
    }, expected: ["bundle/dataset.json", "parts[0].images", "gone-images.gz"]),
    BadInput(name: "dataset name already taken", arrange: { _ in
        ["import", "bundle", Shell.repositoryRoot.appendingPathComponent("Datasets/fashion-mnist").path]
    }, expected: ["fashion-mnist", "already exists", "--replace"]),
]

func gzip(_ data: Data) throws -> Data {
    try Shell.run("/bin/gzip", ["-c"], input: data).stdoutData
}

/// The folder's files and their digests: the database, and any -wal/-shm beside it.
func snapshot(_ dir: TemporaryDirectory) throws -> [String: String] {
    let names = try FileManager.default.contentsOfDirectory(atPath: dir.url.path).filter { $0.hasPrefix("db.sqlite") }
    return try Dictionary(uniqueKeysWithValues: names.map { ($0, try Shell.sha256sum(dir.path($0))) })
}

@Suite struct BadInputTests {
    @Test(arguments: badInputs)
    func isRefusedAndChangesNothing(_ input: BadInput) throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        let setup = try Shell.refhuman(["import", "bundle", Shell.repositoryRoot.appendingPathComponent("Datasets/fashion-mnist").path, "--db", db])
        try #require(setup.status == 0, "baseline import failed: \(setup.stderr)")
        let before = try snapshot(dir)
        let arguments = try input.arrange(dir) + ["--db", db]
        let result = try Shell.refhuman(arguments)
        #expect(result.status != 0)
        #expect(result.stderrLines.count == 1, "stderr: \(result.stderr)")
        let line = result.stderrLines.first ?? ""
        #expect(line.hasPrefix("refhuman: "), "line: \(line)")
        for word in input.expected {
            #expect(line.contains(word), "'\(word)' missing from: \(line)")
        }
        #expect(try snapshot(dir) == before)
        #expect(try Shell.sqlite(db, "SELECT group_concat(name) FROM dataset") == "fashion-mnist")
    }

    @Test func databaseThatIsNotSQLiteIsRefusedUntouched() throws {
        let dir = TemporaryDirectory()
        let text = "name,score\nthis is a spreadsheet export, not a database\n" + String(repeating: "x", count: 5000)
        try dir.write("db.sqlite", text)
        let before = try snapshot(dir)
        for arguments in [["datasets"], ["import", "bundle", Shell.repositoryRoot.appendingPathComponent("Datasets/fashion-mnist").path]] {
            let result = try Shell.refhuman(arguments + ["--db", dir.path("db.sqlite")])
            #expect(result.status != 0)
            #expect(result.stderrLines == ["refhuman: \(dir.path("db.sqlite")): not an SQLite database"])
            #expect(try snapshot(dir) == before)
        }
    }
}
