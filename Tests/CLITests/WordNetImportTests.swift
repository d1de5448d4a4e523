// WordNetImportTests: `import folder --wordnet` on an ImageNet-shaped tree of all 1,000 class
// folders, its names, synonyms and ancestor paths checked against WordNet by hand, and the
// ImageNet-1k catalog in Datasets/ checked to be what its documented command makes.
import Foundation
import Testing
import TestSupport

@Suite struct WordNetImportTests {
    /// Names of a category's ancestors, root first, read from the stored tree with sqlite3.
    func ancestors(_ db: String, of category: String) throws -> [String] {
        let names = try Shell.sqlite(db, """
            WITH RECURSIVE up(key, depth) AS (
                SELECT parent_key, 0 FROM category WHERE name = '\(category)'
                UNION ALL SELECT category_node.parent_key, up.depth + 1 FROM category_node JOIN up ON category_node.key = up.key
                WHERE category_node.parent_key IS NOT NULL)
            SELECT category_node.name FROM up JOIN category_node ON category_node.key = up.key ORDER BY up.depth DESC
            """)
        return names.split(separator: "\n").map(String.init)
    }

    @Test func aThousandWordNetFoldersImportWithNamesSynonymsAndPaths() throws {
        let dir = TemporaryDirectory()
        let wnids = try String(contentsOf: Shell.repositoryRoot.appendingPathComponent("Datasets/imagenet-1k/wnids.txt"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
        #expect(wnids.count == 1000)
        let image = try Fixtures.png(shade: 9)
        for wnid in wnids { try dir.write("val/\(wnid)/ILSVRC2012_val_\(wnid).png", image) }
        let db = dir.path("db.sqlite")
        let result = try Shell.refhuman(["import", "folder", dir.path("val"), "--name", "imagenet", "--wordnet", "--allow-shared-test-images",
                                         "--db", db])
        #expect(result.status == 0, "\(result.stderr)")
        #expect(try Shell.sqlite(db, "SELECT count(*) || ',' || count(DISTINCT name) FROM category") == "1000,1000")
        // Checked by hand in data.noun: n02123045 "tabby tabby_cat", gloss "a cat with a grey or tawny
        // coat mottled with black", first hypernym 02121808 domestic_cat → 02121620 cat → 02120997
        // feline → … → 00001740 entity.
        #expect(try Shell.sqlite(db, "SELECT name || '|' || synonyms || '|' || description FROM category WHERE idx = 281")
                == "tabby|[\"tabby cat\"]|a cat with a grey or tawny coat mottled with black")
        #expect(try ancestors(db, of: "tabby") == ["entity", "physical entity", "object", "whole", "living thing", "organism", "animal",
                                                   "chordate", "vertebrate", "mammal", "placental", "carnivore", "feline", "cat",
                                                   "domestic cat"])
        #expect(try ancestors(db, of: "Chihuahua") == ["entity", "physical entity", "object", "whole", "living thing", "organism",
                                                       "animal", "chordate", "vertebrate", "mammal", "placental", "carnivore", "canine",
                                                       "dog", "toy dog"])
        // Two "ball" synsets are ancestors of ImageNet classes (game equipment, and sphere), so
        // this one carries its parent's name.
        #expect(try ancestors(db, of: "soccer ball") == ["entity", "physical entity", "object", "whole", "artifact", "instrumentality",
                                                         "equipment", "game equipment", "ball (game equipment)"])
        // Two cranes and two maillots: told apart by their parents' names.
        #expect(try Shell.sqlite(db, "SELECT group_concat(name, ';') FROM (SELECT name FROM category WHERE name LIKE 'crane%' OR name LIKE 'maillot%' ORDER BY idx)")
                == "crane (wading bird);crane (lifting device);maillot (tights);maillot (swimsuit)")
        #expect(try Shell.sqlite(db, "SELECT count(*) FROM category_node") == "808")
    }

    @Test func anUnknownWordNetIdIsRefusedInOneLine() throws {
        let dir = TemporaryDirectory()
        try dir.write("val/n02123045/a.png", try Fixtures.png(shade: 1))
        try dir.write("val/cats/b.png", try Fixtures.png(shade: 2))
        let db = dir.path("db.sqlite")
        let result = try Shell.refhuman(["import", "folder", dir.path("val"), "--name", "x", "--wordnet", "--db", db])
        #expect(result.status == 1)
        #expect(result.stderr == "refhuman: \(dir.path("val")): 'cats' is not a WordNet 3.0 noun id (folders must be named like n02123045)\n",
                "\(result.stderr)")
        let datasets = FileManager.default.fileExists(atPath: db) ? try Shell.sqlite(db, "SELECT count(*) FROM dataset") : "0"
        #expect(datasets == "0")
    }

    @Test func theImageNetCatalogIsWhatItsCommandMakes() throws {
        let dir = TemporaryDirectory()
        let made = dir.path("catalog.json")
        let root = Shell.repositoryRoot
        let result = try Shell.refhuman(["bundle", "catalog", root.appendingPathComponent("Datasets/imagenet-1k/wnids.txt").path, "--out", made])
        #expect(result.status == 0, "\(result.stderr)")
        let stored = try Data(contentsOf: root.appendingPathComponent("Datasets/imagenet-1k/catalog.json"))
        #expect(try Data(contentsOf: URL(fileURLWithPath: made)) == stored, "Datasets/imagenet-1k/catalog.json is out of date: rerun its command")
    }
}
