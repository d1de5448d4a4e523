// ImportTests: each importer through the real binary, with counts read back by the
// sqlite3 shell and pixels checked against the input bytes.
import Foundation
import Imaging
import Testing
import TestSupport

let bundleDirectory = Shell.repositoryRoot.appendingPathComponent("Datasets/fashion-mnist")
let fashionDirectory = "/usr/share/datasets/fashion-mnist"

/// `refhuman datasets --json`, decoded loosely so the test reads the output as a user would.
func datasetsJSON(_ db: String) throws -> [[String: Any]] {
    let result = try Shell.refhuman(["datasets", "--json", "--db", db])
    try #require(result.status == 0, "\(result.stderr)")
    return try #require(try JSONSerialization.jsonObject(with: result.stdoutData) as? [[String: Any]])
}

@Suite struct ImportTests {
    @Test func bundleImportsTheDocumentedSplits() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        let result = try Shell.refhuman(["import", "bundle", bundleDirectory.path, "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stdout.isEmpty && result.stderr.hasPrefix("imported 'fashion-mnist': 1230 items (1000 test, 100 practice, 130 example)"))
        #expect(try Shell.sqlite(db, "SELECT split || '=' || count(*) FROM item GROUP BY split ORDER BY split")
            == "example=130\npractice=100\ntest=1000")
        let summary = try #require(try datasetsJSON(db).first)
        #expect(summary["items"] as? [String: Int] == ["test": 1000, "practice": 100, "example": 130])
        let categories = try #require(summary["categories"] as? [[String: Any]])
        #expect(categories.map { $0["name"] as? String } == Fixtures.fashionCategories)
        #expect(categories.allSatisfy { ($0["items"] as? [String: Int])?["example"] == 13 })
        #expect(try Shell.sqlite(db, "SELECT judgements_per_item || ',' || max_guesses FROM dataset") == "3,1")
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM category WHERE length(description) > 20") == "10")
    }

    @Test func fullFashionMNISTTestSetImportsAsTenThousandItems() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("categories.txt", Fixtures.fashionCategories.joined(separator: "\n") + "\n")
        let result = try Shell.refhuman([
            "import", "idx", "--images", "\(fashionDirectory)/t10k-images-idx3-ubyte.gz",
            "--labels", "\(fashionDirectory)/t10k-labels-idx1-ubyte.gz",
            "--categories", dir.path("categories.txt"), "--name", "fashion-test", "--db", db,
        ])
        #expect(result.status == 0, "\(result.stderr)")
        let summary = try #require(try datasetsJSON(db).first)
        #expect(summary["items"] as? [String: Int] == ["test": 10000])
        let categories = try #require(summary["categories"] as? [[String: Any]])
        #expect(categories.map { ($0["items"] as? [String: Int])?["test"] } == Array(repeating: 1000, count: 10))

        // Record 0 of the original file, unpacked by gzip, equals the PNG stored for source "0".
        let raw = try Shell.run("/bin/gzip", ["-dc", "\(fashionDirectory)/t10k-images-idx3-ubyte.gz"]).stdoutData
        let expectedPixels = [UInt8](raw[16..<(16 + 784)])
        let hex = try Shell.sqlite(db, "SELECT hex(bytes) FROM image JOIN item ON item.image_id = image.id WHERE item.source = '0'")
        let png = try #require(Data(hexString: hex))
        let (format, image) = try ImageCodec.decode(png)
        #expect(format == .png && image.width == 28 && image.height == 28 && image.channels == 1)
        #expect(image.pixels == expectedPixels)
        let labels = try Shell.run("/bin/gzip", ["-dc", "\(fashionDirectory)/t10k-labels-idx1-ubyte.gz"]).stdoutData
        #expect(try Shell.sqlite(db, "SELECT category_idx FROM item WHERE source = '0'") == String(labels[8]))
    }

    @Test func bundleRebuildReproducesTheCommittedFiles() throws {
        let dir = TemporaryDirectory()
        try FileManager.default.copyItem(at: bundleDirectory.appendingPathComponent("dataset.json"), to: dir.file("dataset.json"))
        let result = try Shell.refhuman(["bundle", "build", "--from", fashionDirectory, "--out", dir.url.path, "--seed", "1708"])
        #expect(result.status == 0, "\(result.stderr)")
        // The bundled classifier lives beside the data but is `refhuman train`'s output, not the builder's.
        let names = try FileManager.default.contentsOfDirectory(atPath: bundleDirectory.path)
            .filter { $0 != "dataset.json" && !$0.hasPrefix("classifier.") }.sorted()
        #expect(names.count == 9)
        for name in names {
            #expect(try Shell.sha256sum(dir.path(name)) == Shell.sha256sum(bundleDirectory.appendingPathComponent(name).path), "\(name)")
        }
        // Every bundled test item carries the label the original file gives its source record.
        let labels = try Shell.run("/bin/gzip", ["-dc", "\(fashionDirectory)/t10k-labels-idx1-ubyte.gz"]).stdoutData
        let bundled = try Shell.run("/bin/gzip", ["-dc", dir.path("test-labels-idx1-ubyte.gz")]).stdoutData
        let sources = try String(contentsOf: dir.file("test-sources.txt"), encoding: .utf8).split(separator: "\n")
        #expect(sources.count == 1000 && Set(sources).count == 1000)
        for (offset, source) in sources.enumerated() {
            let record = try #require(Int(source.dropFirst("t10k:".count)))
            #expect(bundled[8 + offset] == labels[8 + record])
        }
    }

    @Test func folderImportSortsCategoriesIgnoresHiddenFilesAndStoresDuplicatesOnce() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("root/zebra/one.png", try Fixtures.png(shade: 1))
        try dir.write("root/zebra/.hidden.png", "not even an image")
        try dir.write("root/aardvark/two.jpg", try Fixtures.jpeg(width: 7, height: 3))
        try dir.write("root/aardvark/copy.png", try Fixtures.png(shade: 1))
        try dir.write("root/.git/config", "ignored folder")
        let result = try Shell.refhuman(["import", "folder", dir.path("root"), "--name", "animals", "--split", "practice", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Shell.sqlite(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM category ORDER BY idx)") == "aardvark,zebra")
        #expect(try Shell.sqlite(db, "SELECT source || ':' || category_idx || ':' || split FROM item ORDER BY source")
            == "aardvark/copy.png:0:practice\naardvark/two.jpg:0:practice\nzebra/one.png:1:practice")
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM image") == "2")
        #expect(try Shell.sqlite(db, "SELECT format || ' ' || width || 'x' || height FROM image ORDER BY format") == "jpeg 7x3\npng 5x4")
        let sha = try Shell.sha256sum(dir.path("root/zebra/one.png"))
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM image WHERE sha256 = '\(sha)'") == "1")
    }

    @Test func folderWithSplitFoldersImportsEachSplitAndTheUnionOfCategories() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("tree/test/cat/a.png", try Fixtures.png(shade: 1))
        try dir.write("tree/test/dog/b.png", try Fixtures.png(shade: 2))
        try dir.write("tree/practice/cat/c.png", try Fixtures.png(shade: 3))
        try dir.write("tree/example/dog/d.png", try Fixtures.png(shade: 4))
        try dir.write("tree/example/emu/e.png", try Fixtures.png(shade: 5))  // a category only an example shows
        try dir.write("tree/catch/cat/f.png", try Fixtures.png(shade: 6))
        let result = try Shell.refhuman(["import", "folder", dir.path("tree"), "--name", "pets", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Shell.sqlite(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM category ORDER BY idx)") == "cat,dog,emu")
        #expect(try Shell.sqlite(db, "SELECT source || ':' || category_idx || ':' || split FROM item ORDER BY source")
            == "catch/cat/f.png:0:catch\nexample/dog/d.png:1:example\nexample/emu/e.png:2:example\npractice/cat/c.png:0:practice\ntest/cat/a.png:0:test\ntest/dog/b.png:1:test")
        // A study draws its catch trials from that split when told to, and says so.
        let created = try Shell.refhuman(["studies", "create", "checked", "--catch-rate", "0.2", "--catch-source", "catch", "--db", db])
        #expect(created.status == 0 && created.stdout.contains("catch trials 20 % from catch"), "\(created.stdout)\(created.stderr)")
        #expect(try Shell.sqlite(db, "SELECT catch_source FROM study WHERE name = 'checked'") == "catch")
        let wrong = try Shell.refhuman(["studies", "edit", "checked", "--catch-source", "examples", "--db", db])
        #expect(wrong.status != 0 && wrong.stderr.contains("'examples'") && wrong.stderr.contains("auto"), "\(wrong.stderr)")
    }

    @Test func outsidePathsImportWhenAllowed() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("shared/a.png", try Fixtures.png(shade: 1))
        try dir.write("m/m.csv", "path,label\n../shared/a.png,cat\n\(dir.path("shared/a.png")),cat\n")
        let arguments = ["import", "csv", dir.path("m/m.csv"), "--name", "pets", "--categories-from-labels", "--db", db]
        #expect(try Shell.refhuman(arguments).status == 1)
        let allowed = try Shell.refhuman(arguments + ["--allow-outside-paths"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(try Shell.sqlite(db, "SELECT count(*) || ' ' || count(DISTINCT image_id) FROM item") == "2 1")
    }

    @Test func anOversizedImageIsStoredScaledDownWhenAsked() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("img/wide.png", try Fixtures.png(width: 300, height: 40, shade: 7))
        try dir.write("img/small.png", try Fixtures.png(width: 20, height: 10, shade: 8))
        try dir.write("m.csv", "path,label\nimg/wide.png,cat\nimg/small.png,cat\n")
        let base = ["import", "csv", dir.path("m.csv"), "--name", "pets", "--categories-from-labels", "--max-side", "100", "--db", db]
        let refused = try Shell.refhuman(base)
        #expect(refused.status == 1 && refused.stderr.contains("image is 300×40, over the 100 px limit per side"))
        let scaled = try Shell.refhuman(base + ["--downscale"])
        #expect(scaled.status == 0, "\(scaled.stderr)")
        // By hand: 300×40 scaled so the longer side is 100 is 100×13 (40·100/300, rounded down); 20×10 fits as it is.
        #expect(try Shell.sqlite(db, "SELECT item.source || ' ' || format || ' ' || width || 'x' || height FROM item JOIN image ON image.id = item.image_id ORDER BY item.source")
            == "img/small.png png 20x10\nimg/wide.png png 100x13")
        // The stored bytes really are a 100×13 PNG (IHDR, read with Python).
        let ihdr = try Shell.run("/usr/bin/python3", ["-c", """
            import sqlite3, struct, sys
            blob = sqlite3.connect(sys.argv[1]).execute("SELECT bytes FROM image WHERE width = 100").fetchone()[0]
            print(*struct.unpack(">II", blob[16:24]))
            """, db])
        #expect(ihdr.stdout == "100 13\n")
    }

    @Test func aTestImageAlsoShownAsAnExampleIsRefusedInOneLineOrCountedWhenAllowed() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("img/a.png", try Fixtures.png(shade: 4))
        try dir.write("img/b.png", try Fixtures.png(shade: 5))
        try dir.write("img/copy-of-a.png", try Fixtures.png(shade: 4))  // the same bytes under another name
        try dir.write("m.csv", "path,label,split\nimg/a.png,cat,test\nimg/b.png,dog,test\nimg/copy-of-a.png,cat,example\n")
        let base = ["import", "csv", dir.path("m.csv"), "--name", "pets", "--categories-from-labels", "--db", db]
        let refused = try Shell.refhuman(base)
        #expect(refused.status == 1)
        #expect(refused.stderrLines.count == 1 && refused.stderr.contains("test image 'img/a.png' is the same image as example 'img/copy-of-a.png'"),
                "\(refused.stderr)")
        #expect(try Shell.sqlite(db, "SELECT (SELECT count(*) FROM dataset) + (SELECT count(*) FROM image)") == "0")
        let allowed = try Shell.refhuman(base + ["--allow-shared-test-images", "--json"])
        #expect(allowed.status == 0, "\(allowed.stderr)")
        #expect(allowed.stderrLines.last == "warning: 1 test image(s) are also example or practice images, whose labels annotators see")
        #expect(allowed.stdout.contains("\"shared_test_images\" : 1"))
    }

    @Test func storedImagesCarryNoTextTheirFilesHad() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("img/plain.png", try Fixtures.png(shade: 4))
        try dir.write("img/plain.jpg", try Fixtures.jpeg(shade: 5))
        // The label hidden in the files: a PNG tEXt chunk after IHDR, a JPEG comment after SOI.
        let planted = try Shell.run("/usr/bin/python3", ["-c", """
            import struct, sys, zlib
            png = open(sys.argv[1] + '/img/plain.png', 'rb').read()
            data = b'label\\x003'
            chunk = struct.pack('>I', len(data)) + b'tEXt' + data + struct.pack('>I', zlib.crc32(b'tEXt' + data))
            open(sys.argv[1] + '/img/tagged.png', 'wb').write(png[:33] + chunk + png[33:])
            jpg = open(sys.argv[1] + '/img/plain.jpg', 'rb').read()
            comment = b'label=3'
            open(sys.argv[1] + '/img/tagged.jpg', 'wb').write(jpg[:2] + b'\\xff\\xfe' + struct.pack('>H', len(comment) + 2) + comment + jpg[2:])
            """, dir.path("")])
        try #require(planted.status == 0, "\(planted.stderr)")
        try dir.write("m.csv", "path,label\nimg/tagged.png,cat\nimg/tagged.jpg,dog\n")
        let result = try Shell.refhuman(["import", "csv", dir.path("m.csv"), "--name", "pets", "--categories-from-labels", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        // Read back with Python: no blob holds the label text; the PNG's chunks are the image's own.
        let check = try Shell.run("/usr/bin/python3", ["-c", """
            import sqlite3, struct, sys
            rows = sqlite3.connect(sys.argv[1]).execute("SELECT format, bytes FROM image ORDER BY format").fetchall()
            for fmt, blob in rows:
                chunks = []
                if fmt == 'png':
                    at = 8
                    while at < len(blob):
                        size, = struct.unpack('>I', blob[at:at + 4]); chunks.append(blob[at + 4:at + 8].decode()); at += 12 + size
                print(fmt, b'label' in blob, ','.join(sorted(set(chunks))))
            """, db])
        #expect(check.stdout == "jpeg False \npng False IDAT,IEND,IHDR\n", "\(check.stdout)\(check.stderr)")
    }

    @Test func csvImportReadsQuotedPathsAndSplits() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("imgs/a, b.png", try Fixtures.png(shade: 4))
        try dir.write("imgs/c.png", try Fixtures.png(shade: 5))
        try dir.write("imgs/d.png", try Fixtures.png(shade: 6))
        try dir.write("m.csv", "path,label,split\r\n\"imgs/a, b.png\",dog,test\r\nimgs/c.png,cat,practice\r\n\nimgs/d.png,cat,example\r\n")
        let result = try Shell.refhuman(["import", "csv", dir.path("m.csv"), "--name", "pets", "--categories-from-labels", "--max-guesses", "5", "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Shell.sqlite(db, "SELECT group_concat(name, ',') FROM (SELECT name FROM category ORDER BY idx)") == "cat,dog")
        #expect(try Shell.sqlite(db, "SELECT source || '|' || category_idx || '|' || split FROM item ORDER BY source")
            == "imgs/a, b.png|1|test\nimgs/c.png|0|practice\nimgs/d.png|0|example")
        #expect(try Shell.sqlite(db, "SELECT max_guesses FROM dataset") == "5")
    }

    @Test func cifar10PixelsAreInterleavedAndCIFAR100CoarseLabelsBecomeGroups() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("c10/batches.meta.txt", "airplane\nautomobile\nbird\n\n")
        try dir.write("c10/test_batch.bin", Data(Fixtures.cifar10Record(label: 2, red: 10, green: 20, blue: 30)
            + Fixtures.cifar10Record(label: 0, red: 200, green: 100, blue: 50)))
        let ten = try Shell.refhuman(["import", "cifar", dir.path("c10"), "--name", "c10", "--db", db])
        #expect(ten.status == 0, "\(ten.stderr)")
        #expect(try Shell.sqlite(db, "SELECT source || ':' || category_idx FROM item ORDER BY id") == "0:2\n1:0")
        let hex = try Shell.sqlite(db, "SELECT hex(bytes) FROM image JOIN item ON item.image_id = image.id WHERE item.source = '1'")
        let (_, image) = try ImageCodec.decode(try #require(Data(hexString: hex)))
        #expect(image.width == 32 && image.height == 32 && image.channels == 3)
        #expect(Array(image.pixels.prefix(6)) == [200, 100, 50, 200, 100, 50])

        try dir.write("c100/fine_label_names.txt", "apple\nmaple\noak\n")
        try dir.write("c100/coarse_label_names.txt", "fruit\ntrees\n")
        let record = { (coarse: UInt8, fine: UInt8) in [coarse] + Fixtures.cifar10Record(label: fine, red: fine, green: 0, blue: 0) }
        try dir.write("c100/test.bin", Data(record(0, 0) + record(1, 2) + record(1, 1)))
        let hundred = try Shell.refhuman(["import", "cifar", dir.path("c100"), "--name", "c100", "--db", db])
        #expect(hundred.status == 0, "\(hundred.stderr)")
        #expect(try Shell.sqlite(db, """
            SELECT category.name || ':' || category.category_group FROM category JOIN dataset ON dataset.id = category.dataset_id
            WHERE dataset.name = 'c100' ORDER BY idx
            """) == "apple:fruit\nmaple:trees\noak:trees")
    }

    @Test func replaceSwapsADatasetButNotOnceItHasJudgements() throws {
        let dir = TemporaryDirectory()
        let db = dir.path("db.sqlite")
        try dir.write("c.txt", "a\nb\nc\n")
        try dir.write("i.idx", Fixtures.idxImages(count: 6))
        try dir.write("l.idx", Fixtures.idxLabels([0, 1, 2, 0, 1, 2]))
        let importSix = ["import", "idx", "--images", dir.path("i.idx"), "--labels", dir.path("l.idx"),
                         "--categories", dir.path("c.txt"), "--name", "toy", "--db", db]
        #expect(try Shell.refhuman(importSix).status == 0)
        #expect(try Shell.refhuman(importSix + ["--limit", "4", "--replace"]).status == 0)
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM item") == "4")
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM image") == "4")  // the two dropped images go too
        _ = try Shell.sqlite(db, """
            INSERT INTO annotator (name, token_hash, created_at) VALUES ('ann', printf('%064d', 1), '2026-01-01');
            INSERT INTO judgement (uuid, annotator_id, item_id, guesses, submitted_at, phase)
              VALUES ('u1', 1, (SELECT min(id) FROM item), '[0]', '2026-01-01', 'test');
            """)
        let refused = try Shell.refhuman(importSix + ["--replace"])
        #expect(refused.status != 0)
        #expect(refused.stderrLines == ["refhuman: dataset 'toy' has 1 judgement(s); refusing to replace it"])
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM item") == "4")
    }
}

extension Data {
    init?(hexString: String) {
        var bytes = [UInt8]()
        bytes.reserveCapacity(hexString.count / 2)
        var index = hexString.startIndex
        while index < hexString.endIndex {
            let next = hexString.index(index, offsetBy: 2, limitedBy: hexString.endIndex) ?? hexString.endIndex
            guard let byte = UInt8(hexString[index..<next], radix: 16) else { return nil }
            bytes.append(byte)
            index = next
        }
        self.init(bytes)
    }
}
